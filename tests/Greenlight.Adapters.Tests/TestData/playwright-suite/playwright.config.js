// API tests only: the request fixture needs no browser.
module.exports = {
  testDir: 'tests',
  workers: 2,
  reporter: [['junit', { outputFile: 'results/junit.xml' }]],
  use: { baseURL: process.env.GREENLIGHT_BACKEND_URL },
};
