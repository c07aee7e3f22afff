#include "converters/jekyll/urls.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>

#include "converters/common.h"
#include "converters/config_common.h"
#include "core/codecs.h"
#include "core/fields.h"
#include "core/text.h"
#include "core/timezone.h"

namespace postport {

namespace {

struct PermalinkStyle {
    std::string_view name;
    std::string_view pattern;
};
// Jekyll 4.3's style names (Configuration::STYLE_TO_PERMALINK); "date" is the default.
constexpr std::array<PermalinkStyle, 5> permalink_styles = {{
    {"date", "/:categories/:year/:month/:day/:title:output_ext"},
    {"pretty", "/:categories/:year/:month/:day/:title/"},
    {"ordinal", "/:categories/:year/:y_day/:title:output_ext"},
    {"weekdate", "/:categories/:year/W:week/:short_day/:title:output_ext"},
    {"none", "/:categories/:title:output_ext"},
}};

// Every converted article is a Markdown or HTML file: Jekyll writes HTML.
constexpr std::string_view output_ext = ".html";
constexpr std::int64_t seconds_per_day = 86400;

// A post's date and time of day in the site's zone, which Jekyll's URL
// placeholders format.
struct Moment {
    Date date;
    int hour = 0;
    int minute = 0;
    int second = 0;
};

Moment moment_at(std::int64_t unix_time, const TimeZone& zone) {
    const std::int64_t local = unix_time + zone.offset_at(unix_time);
    std::int64_t day = local / seconds_per_day;
    if (local % seconds_per_day < 0) --day;
    const auto second_of_day = static_cast<int>(local - day * seconds_per_day);
    return Moment{civil_from_days(day), second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60};
}

// Jekyll's date: every time, offset or not (Psych reads zone-less ones as
// UTC), is an instant shown in the site's zone; a date is its midnight.
std::optional<Moment> moment_of(const DateTime& value, const TimeZone& zone) {
    if (!value.date) return std::nullopt;
    if (!value.time) return Moment{*value.date};
    DateTime instant = value;
    if (!instant.offset) instant.offset = UtcOffset{0, UtcOffset::Style::Zulu};
    return moment_at(*unix_seconds(instant), zone);
}

std::optional<Moment> post_moment(const Document& document, const TimeZone& zone) {
    if (const Value* date = document.front_matter.find(field::date)) {
        if (date->is_datetime()) return moment_of(date->as_datetime(), zone);
        if (date->is_string()) {
            // Jekyll parses the text as a local time; only a full date-time is understood here.
            if (auto parsed = parse_datetime(date->as_string()); parsed && parsed->date) {
                if (parsed->offset) return moment_of(*parsed, zone);
                const Time time = parsed->time.value_or(Time{});
                return Moment{*parsed->date, time.hour, time.minute, time.second};
            }
            if (auto day = date_of(*date)) return Moment{*day};
            return std::nullopt;
        }
    }
    if (document.path_date) return Moment{*document.path_date};
    return std::nullopt;
}

// Utils.slugify in "pretty" mode, cased: runs of characters other than
// letters, digits and ._~!$&'()+,;=@ become one '-'; no '-' at either end.
std::string pretty_slug(std::string_view text) {
    std::string slug;
    for (unsigned char c : text) {
        const bool keep = is_ascii_word_char(static_cast<char>(c)) || c >= 0x80 ||
                          std::string_view("._~!$&'()+,;=@").find(static_cast<char>(c)) != std::string_view::npos;
        if (keep)
            slug += static_cast<char>(c);
        else if (!slug.empty() && slug.back() != '-')
            slug += '-';
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug;
}

// URL.escape_path: percent-encodes what an RFC 3986 path segment cannot hold
// (besides '/').
std::string escape_path(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        if (is_ascii_word_char(static_cast<char>(c)) ||
            std::string_view("-.~!$&'()*+,;=:@/").find(static_cast<char>(c)) != std::string_view::npos) {
            out += static_cast<char>(c);
        } else {
            char encoded[4];
            std::snprintf(encoded, sizeof encoded, "%%%02X", c);
            out += encoded;
        }
    }
    return out;
}

// URL#sanitize_url.
std::string sanitize_url(std::string_view url) {
    std::string text = "/" + std::string(url);
    for (std::size_t pos = text.find(".."); pos != std::string::npos; pos = text.find("..", pos + 1))
        text.replace(pos, 2, "/");
    for (std::size_t pos = text.find("./"); pos != std::string::npos; pos = text.find("./", pos)) text.erase(pos, 2);
    std::string out;
    for (char c : text)
        if (c != '/' || out.empty() || out.back() != '/') out += c;
    return out;
}

// ISO 8601 week-numbering year and week (strftime %G and %V).
std::pair<int, int> iso_week(const Date& date) {
    const int weekday = (weekday_of(date) + 6) % 7 + 1;  // Monday = 1
    const Date thursday = civil_from_days(days_from_civil(date) + 4 - weekday);
    return {thursday.year, (day_of_year(thursday) - 1) / 7 + 1};
}

// The terms of a category list as Ruby's to_s gives them.
std::optional<std::vector<std::string>> category_terms(const Document& document) {
    std::vector<std::string> terms;
    const Value* categories = document.front_matter.find(field::categories);
    if (categories == nullptr) return terms;
    if (!categories->is_array()) return std::nullopt;
    for (const auto& term : categories->as_array()) {
        if (term.is_string())
            terms.push_back(term.as_string());
        else if (term.is_integer())
            terms.push_back(std::to_string(term.as_integer()));
        else
            return std::nullopt;
    }
    return terms;
}

std::string join_unique(const std::vector<std::string>& terms) {
    std::vector<std::string> seen;
    std::string out;
    for (const auto& term : terms) {
        if (std::find(seen.begin(), seen.end(), term) != seen.end()) continue;
        if (!seen.empty()) out += '/';
        seen.push_back(term);
        out += term;
    }
    return out;
}

std::string lower_ascii(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

// A document's placeholder (Drops::UrlDrop), or nullopt for one not
// modelled: :path and :name, which depend on where Jekyll found the file,
// are the collection's (`collection` given) and left out for posts; date
// placeholders need a date.
std::optional<std::string> document_placeholder(std::string_view token, const Document& document,
                                                const std::optional<Moment>& date_and_time,
                                                const std::optional<std::string>& collection) {
    const Value* slug_value = document.front_matter.find(field::slug);
    const std::string slug = slug_value && slug_value->is_string() ? slug_value->as_string() : output_slug(document);
    if (token == "title") return pretty_slug(slug);
    if (token == "slug") return slugify(slug);
    if (token == "categories" || token == "slugified_categories") {
        auto terms = category_terms(document);
        if (!terms) return std::nullopt;
        for (auto& term : *terms) term = token == "categories" ? lower_ascii(term) : slugify(term);
        return join_unique(*terms);
    }
    if (token == "output_ext") return std::string(output_ext);
    if (token == "collection") return collection.value_or("posts");
    if (collection && (token == "path" || token == "name")) {
        // The path below the collection's folder, without the extension.
        std::vector<std::string> parts = split_path(document.path);
        parts.erase(parts.begin());
        std::string path = join_path(parts);
        path.erase(path.size() - document.extension.size());
        return token == "path" ? path : slugify(document.slug);
    }
    if (!date_and_time) return std::nullopt;
    const Moment& moment = *date_and_time;
    const Date& date = moment.date;
    const int weekday = weekday_of(date);
    if (token == "year") return std::to_string(date.year);
    if (token == "short_year") return zero_padded(((date.year % 100) + 100) % 100, 2);
    if (token == "month") return zero_padded(date.month, 2);
    if (token == "i_month") return std::to_string(date.month);
    if (token == "day") return zero_padded(date.day, 2);
    if (token == "i_day") return std::to_string(date.day);
    if (token == "hour") return zero_padded(moment.hour, 2);
    if (token == "minute") return zero_padded(moment.minute, 2);
    if (token == "second") return zero_padded(moment.second, 2);
    if (token == "short_month") return std::string(month_name(date.month).substr(0, 3));
    if (token == "long_month") return std::string(month_name(date.month));
    if (token == "short_day") return std::string(weekday_name(weekday).substr(0, 3));
    if (token == "long_day") return std::string(weekday_name(weekday));
    if (token == "w_day") return std::to_string(weekday == 0 ? 7 : weekday);
    if (token == "y_day") return zero_padded(day_of_year(date), 3);
    if (token == "week") return zero_padded(iso_week(date).second, 2);
    if (token == "w_year") return std::to_string(iso_week(date).first);
    return std::nullopt;
}

// Fills in `pattern`'s placeholders; nullopt if one is not known.
std::optional<std::string> fill(std::string_view pattern,
                                const std::function<std::optional<std::string>(std::string_view)>& placeholder) {
    bool known = true;
    std::string url = rewrite_tokens(pattern, TokenSyntax::Jekyll, [&](std::string_view token) -> std::string {
        auto value = placeholder(token);
        if (!value) known = false;
        return value ? escape_path(*value) : std::string();
    });
    if (!known) return std::nullopt;
    return sanitize_url(url);
}

std::string string_at(const Table& table, std::string_view key) {
    const Value* value = table.find(key);
    return value && value->is_string() ? value->as_string() : std::string();
}

// Page#template: the page's folder and name, ending as the site's style says.
std::string page_template(const Document& document, const Table& config) {
    std::vector<std::string> parts = split_path(document.path);
    const std::string file = parts.empty() ? std::string() : parts.back();
    if (file.substr(0, file.rfind('.')) == "index") return "/:path/";
    const std::string style = string_at(config, "permalink");
    std::string suffix;
    if (style == "pretty")
        suffix = "/";
    else if (style.empty() || style == "date" || style == "ordinal" || style == "none")
        suffix = ":output_ext";
    else if (style.ends_with("/"))
        suffix = "/";
    else if (style.ends_with(":output_ext"))
        suffix = ":output_ext";
    return "/:path/:basename" + suffix;
}

std::optional<std::string> page_url(const Document& document, std::string_view pattern) {
    std::vector<std::string> parts = split_path(document.path);
    if (parts.empty()) return std::nullopt;
    const std::string file = parts.back();
    parts.pop_back();
    const std::string folder = "/" + join_path(parts) + (parts.empty() ? "" : "/");
    return fill(pattern, [&](std::string_view token) -> std::optional<std::string> {
        if (token == "path") return folder;
        if (token == "basename") return file.substr(0, file.rfind('.'));
        if (token == "output_ext") return std::string(output_ext);
        return std::nullopt;
    });
}

}  // namespace

bool is_collection_folder(std::string_view folder) {
    return folder.size() > 1 && folder[0] == '_' && folder != "_posts" && folder != "_drafts";
}

std::string_view expand_permalink_style(std::string_view permalink) {
    for (const auto& style : permalink_styles)
        if (style.name == permalink) return style.pattern;
    return permalink;
}

std::optional<std::string> jekyll_url(const Document& document, const Value* permalink, const Table& config) {
    const bool own_pattern = permalink && permalink->is_string();
    const std::vector<std::string> parts = split_path(document.path);
    // A document of collection NAME is kept in _NAME/.
    std::optional<std::string> collection;
    if (parts.size() > 1 && is_collection_folder(parts.front())) collection = parts.front().substr(1);
    if (document.kind == DocumentKind::Page && !collection)
        return page_url(document, own_pattern ? permalink->as_string() : page_template(document, config));

    const Table* collections = table_at(config, "collections");
    const Table* settings = collections ? table_at(*collections, collection.value_or("posts")) : nullptr;
    std::string pattern = own_pattern ? permalink->as_string()
                          : settings  ? string_at(*settings, "permalink")
                                      : std::string();
    if (pattern.empty() && collection) pattern = "/:collection/:path:output_ext";
    if (pattern.empty()) {
        const std::string style = string_at(config, "permalink");
        pattern = expand_permalink_style(style.empty() ? "date" : style);
    }
    const std::string zone_name = string_at(config, "timezone");
    static const TimeZone utc = TimeZone::fixed(0);
    const TimeZone* zone = zone_name.empty() ? &utc : TimeZone::system(zone_name);
    if (zone == nullptr) return std::nullopt;
    const std::optional<Moment> moment = post_moment(document, *zone);
    // A post has a date (an undated draft has its file's); a collection's document may not.
    if (!moment && !collection) return std::nullopt;
    return fill(pattern, [&](std::string_view token) {
        return document_placeholder(token, document, moment, collection);
    });
}

}  // namespace postport
