export {
  generateDemo,
  generateDemoElection,
  DEFAULT_SEED,
  DEMO_CONSTITUENCY_ID,
  DEMO_ELECTION_ID,
} from './election.js';
export type { DemoElection, DemoOptions } from './election.js';
export { generateRound1Results, deriveRunoff, ROUND1_SEATS, ROUND1_WINNERS } from './round1.js';
export type { Round1Options } from './round1.js';
export {
  FULL_BRANCHES,
  FULL_MOBILE_BRANCHES,
  MIN_BRANCHES,
  defaultMobileBranches,
} from './geography.js';
export { deviceKeyPair } from './devices.js';
export type { DemoDeviceKey } from './devices.js';
export { candidatePhotoSvg } from './photo.js';
export { generateRegistry, registryRows, registryCsvLine, REGISTRY_HEADER } from './registry.js';
export type { RegistryOptions, RegistryRow } from './registry.js';
export { writeDemo, DEFAULT_REGISTRY_ROWS } from './write.js';
export type { WriteDemoOptions, WrittenDemo } from './write.js';
export { stream } from './prng.js';
export type { Stream } from './prng.js';
