#include "converters/hugo/urls.h"

#include "converters/common.h"
#include "converters/config_common.h"
#include "core/codecs.h"
#include "core/text.h"
#include "core/timezone.h"

namespace postport {

namespace {

constexpr std::string_view content_folder = "content";

// Hugo's page date: date, else publishDate, else lastmod; as written.
std::optional<DateTime> page_date(const Table& front_matter) {
    for (std::string_view key : {"date", "publishdate", "pubdate", "published", "lastmod", "modified"}) {
        const auto* entry = front_matter.find_icase(key);
        if (entry == nullptr) continue;
        if (entry->value.is_datetime() && entry->value.as_datetime().date) return entry->value.as_datetime();
        if (entry->value.is_string()) {
            if (auto parsed = parse_datetime(entry->value.as_string()); parsed && parsed->date) return parsed;
            if (auto day = date_of(entry->value)) return DateTime{day, {}, {}, false};
        }
    }
    return std::nullopt;
}

struct PageFacts {
    std::string section;
    std::vector<std::string> sections;
    std::string file_name;  // without extension; a leaf bundle's folder
    std::optional<std::string> slug;
    std::optional<DateTime> date;
};

// A token of a permalink pattern (Hugo 0.111), or nullopt for one not modelled.
std::optional<std::string> token_value(std::string_view token, const PageFacts& page) {
    if (token == "section") return page.section;
    if (token == "sections") return join_path(page.sections);
    if (token == "slugorfilename") return page.slug.value_or(page.file_name);
    if (token == "filename") return page.file_name;
    if (token == "slug") return page.slug;  // else the title, which Hugo urlizes
    if (!page.date) return std::nullopt;
    const Date& date = *page.date->date;
    const Time time = page.date->time.value_or(Time{});
    const int weekday = weekday_of(date);
    if (token == "year" || token == "2006") return std::to_string(date.year);
    if (token == "month" || token == "01") return zero_padded(date.month, 2);
    if (token == "day" || token == "02") return zero_padded(date.day, 2);
    if (token == "monthname" || token == "January") return std::string(month_name(date.month));
    if (token == "weekdayname" || token == "Monday") return std::string(weekday_name(weekday));
    if (token == "weekday") return std::to_string(weekday);
    if (token == "yearday") return std::to_string(day_of_year(date));
    if (token == "002") return zero_padded(day_of_year(date), 3);
    if (token == "06") return zero_padded(((date.year % 100) + 100) % 100, 2);
    if (token == "1") return std::to_string(date.month);
    if (token == "2") return std::to_string(date.day);
    if (token == "Jan") return std::string(month_name(date.month).substr(0, 3));
    if (token == "Mon") return std::string(weekday_name(weekday).substr(0, 3));
    if (token == "15") return zero_padded(time.hour, 2);
    if (token == "04") return zero_padded(time.minute, 2);
    if (token == "05") return zero_padded(time.second, 2);
    return std::nullopt;
}

// Hugo lower-cases the paths it makes; other characters than these it
// rewrites in ways not modelled here.
std::optional<std::string> hugo_path(std::string path) {
    for (char& c : path) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        const bool plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
                           c == '~' || c == '/';
        if (!plain) return std::nullopt;
    }
    return path;
}

}  // namespace

bool is_ugly_section(const Value& ugly_urls, std::string_view section) {
    if (ugly_urls.is_bool()) return ugly_urls.as_bool();
    if (!ugly_urls.is_table()) return false;
    const auto* entry = ugly_urls.as_table().find_icase(section);
    return entry && entry->value.is_bool() && entry->value.as_bool();
}

std::optional<std::string> hugo_url(const Document& document, const Table& config) {
    if (const auto* url = document.front_matter.find_icase("url"); url && url->value.is_string()) {
        const std::string& own = url->value.as_string();
        return own.starts_with('/') ? own : "/" + own;
    }
    std::vector<std::string> parts = split_path(document.path);
    if (parts.size() < 2 || parts.front() != content_folder) return std::nullopt;
    parts.erase(parts.begin());
    const std::string file = parts.back();
    parts.pop_back();
    PageFacts page;
    page.file_name = file.substr(0, file.rfind('.'));
    // A translation (about.fr.md) is published below its language's folder,
    // unless that is the default language, which is at the root.
    std::string language_folder;
    if (const auto dot = page.file_name.rfind('.'); dot != std::string::npos) {
        const std::string language = page.file_name.substr(dot + 1);
        page.file_name.erase(dot);
        const Table* languages = table_at(config, "languages");
        if (languages == nullptr || languages->find_icase(language) == nullptr) return std::nullopt;
        const auto* default_language = config.find_icase("defaultContentLanguage");
        const auto* in_subdir = config.find_icase("defaultContentLanguageInSubdir");
        const bool is_default = language == (default_language && default_language->value.is_string()
                                                 ? default_language->value.as_string()
                                                 : std::string("en"));
        if (!is_default || (in_subdir && in_subdir->value.is_bool() && in_subdir->value.as_bool()))
            language_folder = "/" + language;
    }
    if (page.file_name == "_index")
        return hugo_path(language_folder + "/" + join_path(parts) + (parts.empty() ? "" : "/"));
    if (page.file_name == "index" && !parts.empty()) {  // a leaf bundle is named by its folder
        page.file_name = parts.back();
        parts.pop_back();
    }
    if (const auto* slug = document.front_matter.find_icase("slug"); slug && slug->value.is_string())
        page.slug = slug->value.as_string();
    page.date = page_date(document.front_matter);
    page.sections = parts;
    page.section = parts.empty() ? std::string() : parts.front();

    const auto* ugly_urls = config.find_icase("uglyURLs");
    const bool ugly = ugly_urls && is_ugly_section(ugly_urls->value, page.section);
    const Table* patterns = table_at(config, "permalinks");
    const auto* pattern = patterns && !parts.empty() ? patterns->find_icase(page.section) : nullptr;
    std::string path;
    if (pattern && pattern->value.is_string()) {
        bool known = true;
        path = rewrite_tokens(pattern->value.as_string(), TokenSyntax::Hugo, [&](std::string_view token) {
            auto value = token_value(token, page);
            if (!value) known = false;
            return value.value_or(std::string());
        });
        if (!known) return std::nullopt;
    } else {
        path = "/" + join_path(parts) + (parts.empty() ? "" : "/") + page.slug.value_or(page.file_name);
    }
    while (path.size() > 1 && path.ends_with('/')) path.pop_back();
    if (!path.starts_with('/')) path.insert(0, "/");
    return hugo_path(language_folder + path + (ugly ? ".html" : "/"));
}

}  // namespace postport
