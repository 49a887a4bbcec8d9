// Package e2e holds the tests that need a real browser and the Node
// quality tools: every page type loads under a sub-path base URL with and
// without JavaScript, the timeline filters work by mouse and by keyboard
// and keep their state in the URL, axe-core finds no WCAG 2.2 A/AA
// violations in light or dark mode, html-validate finds no errors, and no
// internal link is broken.
//
// Without Chromium (or without node_modules) these tests skip and say so;
// with TIMELINE_REQUIRE_BROWSER=1, as in .ci/run, they fail instead.
package e2e
