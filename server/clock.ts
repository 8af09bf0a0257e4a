/** Milliseconds since the epoch; injected so tests and the sandbox can move time. */
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
