#include "core/annotation/audit_log.hpp"

#include <pwd.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <ctime>

#include "core/annotation/json_text.hpp"

namespace fuselabel {

namespace {

constexpr std::array<std::string_view, 3> kEventNames = {"edit", "undo", "redo"};

std::string fromEnvironment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::string(value) : std::string();
}

}  // namespace

std::string_view toString(AuditEvent event) noexcept {
  return kEventNames[static_cast<std::size_t>(event)];
}

std::string utcTimestampNow() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::array<char, 32> text{};
  const std::size_t n = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(text.data(), n);
}

std::string currentUserName() {
  for (const char* name : {"FUSELABEL_USER", "USER", "LOGNAME"}) {
    if (std::string value = fromEnvironment(name); !value.empty()) return value;
  }
  // No environment (a service, a container): the password database.
  std::array<char, 4096> buffer{};
  passwd entry{};
  passwd* found = nullptr;
  if (getpwuid_r(getuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr &&
      found->pw_name != nullptr) {
    return found->pw_name;
  }
  return "unknown";
}

void appendAuditJson(std::string& out, const AuditEntry& entry) {
  out += "{\"time\": ";
  json::appendString(out, entry.time);
  out += ", \"user\": ";
  json::appendString(out, entry.user);
  out += ", \"event\": \"";
  out += toString(entry.event);
  out += "\", \"action\": ";
  json::appendString(out, entry.action);
  out += ", \"objects\": [";
  for (std::size_t i = 0; i < entry.objects.size(); ++i) {
    if (i > 0) out += ", ";
    json::appendInt(out, entry.objects[i].value);
  }
  out += "]}";
}

AuditEntry readAuditJson(json::Cursor& c) {
  AuditEntry entry;
  c.forEachMember([&](std::string_view key) {
    if (key == "time") {
      entry.time = c.string();
    } else if (key == "user") {
      entry.user = c.string();
    } else if (key == "event") {
      const std::string text = c.string();
      bool known = false;
      for (std::size_t i = 0; i < kEventNames.size(); ++i) {
        if (kEventNames[i] == text) {
          entry.event = static_cast<AuditEvent>(i);
          known = true;
        }
      }
      if (!known) c.fail("unknown audit event \"" + text + "\" (edit, undo or redo)");
    } else if (key == "action") {
      entry.action = c.string();
    } else if (key == "objects") {
      c.forEachElement([&](std::size_t) { entry.objects.push_back(ObjectId{c.integer()}); });
    } else {
      c.skip();
    }
  });
  return entry;
}

}  // namespace fuselabel
