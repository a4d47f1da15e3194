// Fault injection for the demo's latency scenario: the traffic generator asks for a slow inference the way a
// slow dependency would make one. Shared by the service and the generator, which must not load the service.
export const SIMULATED_LATENCY_HEADER = 'x-simulated-latency-ms';
export const MAX_SIMULATED_MS = 10_000;
