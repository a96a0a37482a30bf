/**
 * Small closed word lists used as model features (not as rules): they let the model generalize from a few
 * thousand training sentences to names it has never seen, e.g. any Han surname followed by one or two
 * characters, or any word ending in 嘎查 or 合作社.
 */

/** Common single-character Han surnames (the ~400 most frequent). */
export const SINGLE_SURNAMES: ReadonlySet<string> = new Set(
  (
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢' +
    '姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施' +
    '文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷' +
    '盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷' +
    '晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆' +
    '乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平' +
    '计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公' +
    '哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由'
  ).split(''),
);

/** Two-character surnames. */
export const DOUBLE_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳', '上官', '司马', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕',
  '令狐', '端木', '独孤', '南宫', '西门', '百里', '呼延', '万俟', '澹台', '公冶', '太史', '申屠', '钟离', '闻人',
  '赫连', '拓跋', '完颜', '第五', '司空', '濮阳', '淳于', '单于', '东郭', '仲孙', '乐正', '梁丘', '左丘', '谷梁',
]);

/** Characters that end place names (administrative units and geographic features). */
export const PLACE_SUFFIX_CHARS: ReadonlySet<string> = new Set(
  '省市县区旗盟镇乡村州岛山河江湖海洋湾港峡路街屯庄堡洲国城关峰岭谷原湾郡府里寨沟坝'.split(''),
);

/** Multi-character place suffixes (checked as words ending at a position). */
export const PLACE_SUFFIX_WORDS: readonly string[] = [
  '苏木', '嘎查', '自治区', '自治州', '自治县', '自治旗', '特别行政区', '地区', '街道', '社区', '新区', '开发区',
  '高原', '盆地', '平原', '草原', '沙漠', '半岛', '群岛', '海峡', '大街', '大道', '广场', '公园',
];

/** Words that end organization names. */
export const ORG_SUFFIX_WORDS: readonly string[] = [
  '党委', '党支部', '党总支', '党组', '委员会', '公司', '合作社', '医院', '学校', '报', '部', '局', '厅', '院',
  '会', '社', '所', '处', '署', '队', '团', '校', '中心', '集团', '银行', '协会', '学会', '联合会', '大学', '学院',
  '中学', '小学', '研究所', '研究院', '政府', '法院', '检察院', '大会', '组织', '联盟', '党', '军', '办公室', '办',
  '委', '站', '厂', '店', '台', '电视台', '电台', '出版社', '通讯社', '新华社', '基金会', '俱乐部', '代表团',
  '代表处', '工作组', '总局', '总署', '总部', '分行', '支行', '分公司', '有限公司', '集团公司', '基地', '中队',
  '大队', '支队', '边检站', '派出所', '公安局', '组织部', '宣传部', '人大', '政协', '联社', '商会', '工会', '妇联',
  '共青团', '议会', '内阁', '国务院', '委员', '小组', '剧团', '乐团', '球队', '俱乐部', '报社', '杂志社', '日报',
  '晚报', '周刊', '通讯', '事务所', '联合国', '理事会', '常委会', '人民代表大会',
];

/** Han numerals (a class of their own: they start dates and counts, not names). */
export const HAN_NUMERALS: ReadonlySet<string> = new Set('〇零一二三四五六七八九十百千万亿两'.split(''));
