// fuselabel: the GUI entry point. Everything lives in app/gui/application.cpp.
#include "app/gui/application.hpp"

int main(int argc, char** argv) {
  return fuselabel::gui::runGui(argc, argv);
}
