// Compiled only to build the test suites' precompiled header (see
// fuselabel_test_pch in CMakeLists.txt); defines nothing.
