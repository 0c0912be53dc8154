'use strict';
// Test names in the form Greenlight's result readers give them (src/Greenlight.Core/Results), so
// the X-Greenlight-Test header equals a case's Name or FullName exactly.

// Playwright's JUnit reporter: testcase name = the titles below the file joined by " › "
// (testInfo.titlePath is [file, describe…, title]; the file is the testcase's classname).
function playwright(titlePath) {
  return titlePath.slice(1).join(' › ');
}

// mocha JSON: the reader splits fullTitle into the describe path (ClassName) and the title
// (Name), so FullName is "describe path.title", or the title alone at the top level.
function mocha(test) {
  const path = test.parent ? test.parent.fullTitle() : '';
  return path.length > 0 ? `${path}.${test.title}` : test.title;
}

module.exports = { playwright, mocha };
