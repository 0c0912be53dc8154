// Playwright Test with its request fixture (no browser needed); the JUnit report is what Greenlight reads.
const { defineConfig } = require('@playwright/test');

module.exports = defineConfig({
  testDir: './playwright',
  workers: 1,
  reporter: [['junit', { outputFile: 'results/playwright.xml' }]],
});
