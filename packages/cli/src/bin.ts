#!/usr/bin/env node
import { main } from './program.js';

// Exit only after stdout drains, so a piped JSON report is never cut short.
const code = await main(process.argv.slice(2));
process.exitCode = code;
