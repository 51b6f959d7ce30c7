export declare function findElectron():
  { binary: string; why?: undefined } | { why: string; binary?: undefined };
