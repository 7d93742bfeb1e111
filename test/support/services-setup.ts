import { servicesUrls } from './test-app';

// A services test without its servers fails at once, never skipped or run on the embedded stand-ins.
servicesUrls();
