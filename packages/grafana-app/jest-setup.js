// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// i18next (initialised by @grafana/i18n) prints a sponsorship notice on every init, once per test file; it says
// nothing about the code under test and buries real console output.
const info = console.info.bind(console);
console.info = (...args) => {
  if (typeof args[0] === 'string' && args[0].includes('i18next is made possible')) {
    return;
  }
  info(...args);
};
