/**
 * Work areas of inference kept between texts instead of allocated for each: grown by doubling as texts need
 * (at least `min` units), never past `max` units (a longer text gets areas of its own, which are not kept).
 * An area is lent to one reader at a time: a reader that keeps values in it for later (a scorer) asks `lost`
 * before it reads them, and computes them again when a later reader took the area.
 */
export class Scratch<T> {
  private area: T | undefined;
  private units = 0;
  private owner: object | undefined;

  /** `make(units)` makes the areas for texts of up to `units` units. */
  constructor(
    private readonly make: (units: number) => T,
    private readonly max: number,
    private readonly min = 256,
  ) {}

  /** Areas for a text of `units` units (the kept ones when they are large enough), lent to `owner`. */
  take(units: number, owner?: object): T {
    if (units > this.max) return this.make(units);
    if (this.area === undefined || this.units < units) {
      this.units = Math.min(this.max, Math.max(units, 2 * this.units, this.min));
      this.area = this.make(this.units);
    }
    this.owner = owner;
    return this.area;
  }

  /** Whether `area`, taken by `owner`, has been lent to another reader since (its values are gone). */
  lost(area: T, owner: object): boolean {
    return area === this.area && this.owner !== owner;
  }
}
