// The three functions of `semver` these tests use, typed here because the workspace has no @types/semver.
declare module 'semver' {
  interface Semver {
    /** The normalised range, or null when `range` is not a valid semver range. */
    validRange(range: string): string | null;
    /** The normalised version, or null when `version` is not a valid version. */
    valid(version: string): string | null;
    /** Whether some version satisfies both ranges. */
    intersects(a: string, b: string): boolean;
  }
  const semver: Semver;
  export default semver;
}
