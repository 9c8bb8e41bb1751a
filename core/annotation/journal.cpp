#include "core/annotation/journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/annotation/atomic_file.hpp"
#include "core/annotation/command_stack.hpp"
#include "core/annotation/document_editor.hpp"
#include "core/annotation/native_codec.hpp"
#include "core/annotation/native_file.hpp"
#include "core/io/text_file.hpp"

namespace fuselabel {

namespace {

constexpr int kJournalVersion = 1;

std::uint32_t fnv1a(std::string_view bytes) noexcept {
  std::uint32_t hash = 2166136261u;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash;
}

/// One journal line: 8 hex digits of the record's checksum, a space, the
/// record JSON, a newline. The checksum tells a torn or garbled tail from a record.
void appendRecord(std::string& out, std::string_view record) {
  char hash[9];
  std::snprintf(hash, sizeof(hash), "%08x", fnv1a(record));
  out.append(hash, 8);
  out += ' ';
  out += record;
  out += '\n';
}

struct BaseStamp {
  bool exists = false;
  std::int64_t size = 0;
  std::int64_t mtimeNs = 0;
};

BaseStamp stampOf(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return BaseStamp{
      true, static_cast<std::int64_t>(st.st_size),
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

std::string headerRecord(const BaseStamp& base) {
  std::string h = "{\"fuselabel_journal\": ";
  json::appendInt(h, kJournalVersion);
  h += ", \"base\": {\"exists\": ";
  h += base.exists ? "true" : "false";
  h += ", \"size\": ";
  json::appendInt(h, base.size);
  h += ", \"mtime_ns\": ";
  json::appendInt(h, base.mtimeNs);
  h += "}}";
  return h;
}

std::string trackRecord(const Track& track) {
  std::string r = "{\"track\": ";
  appendTrackJson(r, track, "");
  r += '}';
  // One record a line: the pretty printer's newlines go.
  std::replace(r.begin(), r.end(), '\n', ' ');
  return r;
}

std::string deletedRecord(ObjectId id) {
  std::string r = "{\"deleted\": ";
  json::appendInt(r, id.value);
  r += '}';
  return r;
}

/// The audit lines from `first` on, as a record member ("audit": [...]).
void appendAuditMember(std::string& r, std::span<const AuditEntry> audit, std::size_t first) {
  r += "\"audit\": [";
  for (std::size_t i = first; i < audit.size(); ++i) {
    if (i > first) r += ", ";
    appendAuditJson(r, audit[i]);
  }
  r += ']';
}

std::string infoRecord(const DocumentInfo& info) {
  std::string r = "{\"info\": {";
  appendInfoMembers(r, info, "");
  r += "}}";
  std::replace(r.begin(), r.end(), '\n', ' ');
  return r;
}

Result<void> appendToFd(int fd, std::string_view bytes, const std::string& name) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error::inFile(name, std::string("journal write failed: ") + std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
  return success();
}

/// The valid records of a journal text, stopping at the first bad line.
struct ParsedLines {
  std::vector<std::string_view> records;
  bool tornTail = false;
};

ParsedLines splitRecords(std::string_view text) {
  ParsedLines parsed;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos || end - pos < 10) {
      parsed.tornTail = true;
      break;
    }
    const std::string_view line = text.substr(pos, end - pos);
    const std::string_view record = line.substr(9);
    unsigned hash = 0;
    if (std::sscanf(std::string(line.substr(0, 8)).c_str(), "%8x", &hash) != 1 || line[8] != ' ' ||
        hash != fnv1a(record)) {
      parsed.tornTail = true;
      break;
    }
    parsed.records.push_back(record);
    pos = end + 1;
  }
  return parsed;
}

}  // namespace

std::filesystem::path journalPathFor(const std::filesystem::path& documentPath) {
  std::filesystem::path p = documentPath;
  p += ".journal";
  return p;
}

// --------------------------------------------------------------- Journal --

Result<std::unique_ptr<Journal>> Journal::start(const std::filesystem::path& documentPath,
                                                const Document& document, bool documentMatchesFile,
                                                JournalOptions options) {
  std::unique_ptr<Journal> journal(new Journal(documentPath, document, options));
  if (Result<void> r = journal->writeInitial(documentMatchesFile); !r) return r.error();
  return journal;
}

Journal::~Journal() {
  if (m_fd >= 0) ::close(m_fd);
}

Result<void> Journal::writeInitial(bool documentMatchesFile) {
  const BaseStamp base = documentMatchesFile ? stampOf(m_documentPath) : BaseStamp{};
  std::string text;
  appendRecord(text, headerRecord(base));
  if (!base.exists) {
    appendRecord(text, infoRecord(m_document.info()));
    for (const Track& track : m_document.tracks())
      appendRecord(text, trackRecord(track));
    if (!m_document.audit().empty()) {
      std::string audit = "{";
      appendAuditMember(audit, m_document.audit(), 0);
      audit += '}';
      appendRecord(text, audit);
    }
  }
  const std::filesystem::path path = journalPathFor(m_documentPath);
  // Atomic so a crash here leaves the previous journal, never half of this one.
  if (Result<void> r = writeFileAtomically(path, text, AtomicWriteOptions{m_options.sync}); !r)
    return r;
  if (m_fd >= 0) ::close(m_fd);
  m_fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (m_fd < 0)
    return Error::inFile(path.string(),
                         std::string("cannot open the journal: ") + std::strerror(errno));
  m_pending.clear();
  m_auditWritten = m_document.audit().size();  // in the file, or in the snapshot above
  m_lastFlush = std::chrono::steady_clock::now();
  return success();
}

void Journal::noteChanged(const Command& command) {
  command.collectTouched(m_pending);
  if (Result<void> r = poll(); !r) m_lastError = r.error().message;
}

void Journal::noteChanged(ObjectId id) {
  m_pending.push_back(id);
  if (Result<void> r = poll(); !r) m_lastError = r.error().message;
}

bool Journal::hasPending() const noexcept {
  return !m_pending.empty() || m_document.audit().size() > m_auditWritten;
}

Result<void> Journal::poll() {
  if (!hasPending()) return success();
  if (std::chrono::steady_clock::now() - m_lastFlush < m_options.flushInterval) return success();
  return flush();
}

Result<void> Journal::flush() {
  if (!hasPending()) return success();
  std::sort(m_pending.begin(), m_pending.end());
  m_pending.erase(std::unique(m_pending.begin(), m_pending.end()), m_pending.end());
  // One record per flush: a merge touches two tracks, and replaying only one
  // of them would recover a state that never existed. The line's checksum
  // makes the whole flush apply or not at all.
  std::string record = "{\"changes\": [";
  for (std::size_t i = 0; i < m_pending.size(); ++i) {
    if (i > 0) record += ", ";
    const Track* track = m_document.track(m_pending[i]);
    record += track != nullptr ? trackRecord(*track) : deletedRecord(m_pending[i]);
  }
  record += ']';
  // The audit lines of these changes (undo steps and reviews included) ride
  // in the same record, so recovery keeps who did what.
  if (m_document.audit().size() > m_auditWritten) {
    record += ", ";
    appendAuditMember(record, m_document.audit(), m_auditWritten);
  }
  record += '}';
  std::string text;
  appendRecord(text, record);
  const std::string name = journalPathFor(m_documentPath).string();
  if (Result<void> r = appendToFd(m_fd, text, name); !r) return r;
  if (m_options.sync && ::fdatasync(m_fd) != 0) {
    return Error::inFile(name, std::string("journal fdatasync failed: ") + std::strerror(errno));
  }
  m_pending.clear();
  m_auditWritten = m_document.audit().size();
  m_lastFlush = std::chrono::steady_clock::now();
  return success();
}

Result<void> Journal::restartAfterSave() {
  return writeInitial(true);
}

Result<void> Journal::remove() {
  if (m_fd >= 0) ::close(m_fd);
  m_fd = -1;
  m_pending.clear();
  m_auditWritten = m_document.audit().size();
  std::error_code ec;
  std::filesystem::remove(journalPathFor(m_documentPath), ec);
  if (ec)
    return Error::inFile(journalPathFor(m_documentPath).string(),
                         "cannot remove the journal: " + ec.message());
  return success();
}

void Journal::attach(CommandStack& stack) {
  stack.setListener([this](const Command& command, StackEvent) { noteChanged(command); });
}

// -------------------------------------------------------------- recovery --

bool hasRecoverableJournal(const std::filesystem::path& documentPath) {
  Result<std::string> text = readTextFile(journalPathFor(documentPath));
  if (!text) return false;
  return splitRecords(*text).records.size() > 1;
}

Result<RecoveredDocument> recover(const std::filesystem::path& documentPath) {
  const std::filesystem::path journalPath = journalPathFor(documentPath);
  const std::string name = journalPath.string();
  Result<std::string> text = readTextFile(journalPath);
  if (!text) return text.error();
  const ParsedLines lines = splitRecords(*text);
  if (lines.records.empty()) return Error::inFile(name, "no journal header; nothing to recover");

  RecoveredDocument recovered;
  recovered.tornTail = lines.tornTail;
  std::size_t index = 0;
  try {
    // Header: which state of the label file the changes apply to.
    json::Cursor header(lines.records[0]);
    BaseStamp base;
    std::int64_t version = 0;
    header.forEachMember([&](std::string_view key) {
      if (key == "fuselabel_journal") {
        version = header.integer();
      } else if (key == "base") {
        header.forEachMember([&](std::string_view k) {
          if (k == "exists") {
            base.exists = header.boolean();
          } else if (k == "size") {
            base.size = header.integer();
          } else if (k == "mtime_ns") {
            base.mtimeNs = header.integer();
          } else {
            header.skip();
          }
        });
      } else {
        header.skip();
      }
    });
    if (version < 1 || version > kJournalVersion) {
      return Error::inFile(name, "unsupported journal version " + std::to_string(version));
    }
    if (base.exists) {
      const BaseStamp now = stampOf(documentPath);
      if (!now.exists || now.size != base.size || now.mtimeNs != base.mtimeNs) {
        return Error::inFile(
            name, "the label file " + documentPath.string() +
                      " changed since this journal was written; the journal is left untouched");
      }
      Result<Document> loaded = loadDocument(documentPath);
      if (!loaded) return loaded.error().withContext("recovering from " + name);
      recovered.document = std::move(*loaded);
    }
    DocumentEditor editor(recovered.document);
    for (index = 1; index < lines.records.size(); ++index) {
      json::Cursor c(lines.records[index]);
      const auto applyChangeMember = [&](std::string_view key) {
        if (key == "track") {
          Track track = readTrackJson(c);
          (void)editor.removeTrack(track.object.id);
          editor.insertTrack(std::move(track));
        } else if (key == "deleted") {
          (void)editor.removeTrack(ObjectId{c.integer()});
        } else if (key == "info") {
          DocumentInfo info;
          c.forEachMember([&](std::string_view k) {
            if (!readInfoMember(c, k, info)) c.skip();
          });
          editor.setInfo(std::move(info));
        } else {
          c.skip();
        }
      };
      const auto applyChange = [&](std::string_view key) {
        if (key == "audit") {
          c.forEachElement([&](std::size_t) { editor.appendAudit(readAuditJson(c)); });
        } else if (key == "changes") {
          c.forEachElement([&](std::size_t) {
            c.forEachMember([&](std::string_view k) { applyChangeMember(k); });
          });
        } else {
          applyChangeMember(key);
        }
      };
      c.forEachMember(applyChange);
      ++recovered.records;
    }
  } catch (const json::ParseFailure& failure) {
    return Error::at(name, "record " + std::to_string(index + 1) + ", " + failure.path,
                     failure.what);
  }
  return recovered;
}

}  // namespace fuselabel
