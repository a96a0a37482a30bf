/** opencc-js ships its dictionaries (`opencc-js/dict/<name>`) without type declarations. */
declare module 'opencc-js/dict/*' {
  const dict: string | Array<[string, string]>;
  export default dict;
}
