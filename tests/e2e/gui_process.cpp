#include "tests/e2e/gui_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace fuselabel::e2e {

GuiProcess::GuiProcess(const std::vector<std::string>& args, const std::filesystem::path& workDir,
                       const std::map<std::string, std::string>& env)
    : m_log(workDir / "output.log") {
  std::vector<std::string> argvStrings{FUSELABEL_GUI_BINARY};
  argvStrings.insert(argvStrings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& s : argvStrings) {
    argv.push_back(s.data());
  }
  argv.push_back(nullptr);

  std::vector<std::string> envStrings;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    const std::string key = entry.substr(0, entry.find('='));
    if (env.find(key) == env.end()) {
      envStrings.push_back(entry);
    }
  }
  for (const auto& [key, value] : env) {
    if (!value.empty()) {
      envStrings.push_back(key + "=" + value);
    }
  }
  std::vector<char*> envp;
  for (std::string& s : envStrings) {
    envp.push_back(s.data());
  }
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, m_log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawn_file_actions_addchdir_np(&actions, workDir.c_str());
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    throw std::runtime_error(std::string("cannot start ") + argv[0]);
  }
  m_pid = pid;
}

GuiProcess::~GuiProcess() {
  if (m_pid > 0 && !m_exitCode) {
    ::kill(m_pid, SIGKILL);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
  }
}

std::optional<int> GuiProcess::waitForExit(std::chrono::milliseconds timeout) {
  if (m_exitCode) {
    return m_exitCode;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    const pid_t done = ::waitpid(m_pid, &status, WNOHANG);
    if (done == m_pid) {
      m_exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return m_exitCode;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return std::nullopt;
    }
    sleepMs(20);
  }
}

std::string GuiProcess::output() const {
  std::ifstream in(m_log);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

CommandResult runCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) {
    return result;
  }
  std::array<char, 512> buffer{};
  while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr) {
    result.output += buffer.data();
  }
  const int status = ::pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::filesystem::path freshWorkDir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(FUSELABEL_E2E_WORK_DIR) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::optional<nlohmann::json> readJson(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    return std::nullopt;
  }
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

std::string displayProblem() {
  const char* display = std::getenv("DISPLAY");
  if (display == nullptr || *display == '\0') {
    return "DISPLAY is not set: the e2e tests drive a real window. Run them under Xvfb, e.g. "
           "xvfb-run -a -s \"-screen 0 1600x1000x24\" ctest -L e2e";
  }
  return {};
}

void sleepMs(int milliseconds) {
  std::this_thread::sleep_for(std::chrono::milliseconds(milliseconds));
}

std::string stateDump(const std::filesystem::path& state) {
  const auto j = readJson(state);
  return j ? j->dump(2) : "none";
}

}  // namespace fuselabel::e2e
