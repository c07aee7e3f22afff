#include "converters/ghost/vocabulary.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "converters/common.h"
#include "core/codecs.h"
#include "core/text.h"
#include "core/typed_json.h"

namespace postport::ghost {

namespace {

struct Column {
    std::string_view name;
    ColumnKind kind;
};

// In the order an article object lists them: what a reader looks for first.
constexpr Column post_columns[] = {
    {"title", ColumnKind::String},
    {"slug", ColumnKind::String},
    {"status", ColumnKind::String},
    {"type", ColumnKind::String},
    {"visibility", ColumnKind::String},
    {"featured", ColumnKind::Bool},
    {"published_at", ColumnKind::Date},
    {"updated_at", ColumnKind::Date},
    {"created_at", ColumnKind::Date},
    {"custom_excerpt", ColumnKind::String},
    {"feature_image", ColumnKind::String},
    {"canonical_url", ColumnKind::String},
    {"codeinjection_head", ColumnKind::String},
    {"codeinjection_foot", ColumnKind::String},
    {"custom_template", ColumnKind::String},
    {"locale", ColumnKind::String},
    {"language", ColumnKind::String},
    {"email_recipient_filter", ColumnKind::String},
    {"newsletter_id", ColumnKind::String},
    {"show_title_and_feature_image", ColumnKind::Bool},
    {"comment_id", ColumnKind::String},
    {"id", ColumnKind::String},
    {"uuid", ColumnKind::String},
    {"created_by", ColumnKind::String},
    {"updated_by", ColumnKind::String},
    {"published_by", ColumnKind::String},
};

// posts_meta, and the same fields on 1.x-3.x post rows.
constexpr Column meta_columns[] = {
    {"meta_title", ColumnKind::String},
    {"meta_description", ColumnKind::String},
    {"og_image", ColumnKind::String},
    {"og_title", ColumnKind::String},
    {"og_description", ColumnKind::String},
    {"twitter_image", ColumnKind::String},
    {"twitter_title", ColumnKind::String},
    {"twitter_description", ColumnKind::String},
    {"email_subject", ColumnKind::String},
    {"feature_image_alt", ColumnKind::String},
    {"feature_image_caption", ColumnKind::String},
    {"email_only", ColumnKind::Bool},
};

constexpr std::string_view body_columns[] = {"mobiledoc", "lexical", "html", "plaintext", "markdown"};

constexpr std::string_view side_channel_wrapper = "postport_front_matter";

template <std::size_t N>
std::optional<ColumnKind> find_column(const Column (&columns)[N], std::string_view key) {
    for (const auto& column : columns)
        if (column.name == key) return column.kind;
    return std::nullopt;
}

// Days since 1970-01-01 of a civil date, and back (Howard Hinnant's algorithms).
std::int64_t days_from_civil(int year, int month, int day) {
    year -= month <= 2;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto year_of_era = static_cast<std::int64_t>(year - era * 400);
    const std::int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

Date civil_from_days(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t day_of_era = days - era * 146097;
    const std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t mp = (5 * day_of_year + 2) / 153;
    const auto day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
    const auto month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return Date{static_cast<int>(year_of_era + era * 400 + (month <= 2)), month, day};
}

DateTime utc_from_seconds(std::int64_t seconds, std::string milliseconds) {
    std::int64_t days = seconds / 86400;
    std::int64_t rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    Time time{static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60),
              std::move(milliseconds)};
    return DateTime{civil_from_days(days), std::move(time), UtcOffset{0, UtcOffset::Style::Zulu}, false};
}

DateTime from_epoch_milliseconds(std::int64_t milliseconds) {
    std::int64_t seconds = milliseconds / 1000;
    std::int64_t rest = milliseconds % 1000;
    if (rest < 0) {
        rest += 1000;
        --seconds;
    }
    std::string digits = std::to_string(rest);
    return utc_from_seconds(seconds, std::string(3 - digits.size(), '0') + digits);
}

bool is_empty_mobiledoc_section(const Json& section) {
    // [1, "p", []]: a markup section with no content.
    return section.is_array() && section.size() == 3 && section[0] == 1 && section[2].is_array() &&
           section[2].empty();
}

std::optional<CardBody> card_of(const std::string& name, const Json& payload) {
    if (!payload.is_object()) return std::nullopt;
    if ((name == "markdown" || name == "card-markdown") && payload.contains("markdown") &&
        payload["markdown"].is_string())
        return CardBody{CardBody::Kind::Markdown, payload["markdown"].get<std::string>()};
    if ((name == "html" || name == "card-html") && payload.contains("html") && payload["html"].is_string())
        return CardBody{CardBody::Kind::Html, payload["html"].get<std::string>()};
    return std::nullopt;
}

}  // namespace

std::optional<ColumnKind> post_column(std::string_view key) { return find_column(post_columns, key); }
std::optional<ColumnKind> meta_column(std::string_view key) { return find_column(meta_columns, key); }

bool is_body_column(std::string_view key) {
    return std::find(std::begin(body_columns), std::end(body_columns), key) != std::end(body_columns);
}

const std::vector<std::string_view>& article_keys() {
    static const std::vector<std::string_view> keys = [] {
        std::vector<std::string_view> all;
        for (const auto& column : post_columns) all.push_back(column.name);
        for (const auto& column : meta_columns) all.push_back(column.name);
        all.push_back(tags_key);
        all.push_back(authors_key);
        return all;
    }();
    return keys;
}

std::optional<DateTime> to_ghost_time(const DateTime& value) {
    if (!value.date) return std::nullopt;
    const Time time = value.time.value_or(Time{});
    std::string milliseconds = time.fraction.substr(0, 3);
    milliseconds.append(3 - milliseconds.size(), '0');
    const Date& date = *value.date;
    std::int64_t seconds = days_from_civil(date.year, date.month, date.day) * 86400 +
                           time.hour * 3600 + time.minute * 60 + time.second;
    if (value.offset) seconds -= std::int64_t{value.offset->minutes} * 60;
    return utc_from_seconds(seconds, std::move(milliseconds));
}

std::int64_t epoch_milliseconds(const DateTime& utc) {
    const Date date = utc.date.value_or(Date{1970, 1, 1});
    const Time time = utc.time.value_or(Time{});
    const std::int64_t seconds =
        days_from_civil(date.year, date.month, date.day) * 86400 + time.hour * 3600 + time.minute * 60 + time.second;
    return seconds * 1000 + parse_whole_number<std::int64_t>(time.fraction.substr(0, 3)).value_or(0);
}

std::optional<DateTime> parse_date(const Json& value) {
    if (value.is_number_integer()) return from_epoch_milliseconds(value.get<std::int64_t>());
    if (!value.is_string()) return std::nullopt;
    const std::string& text = value.get_ref<const std::string&>();
    if (auto milliseconds = parse_whole_number<std::int64_t>(text)) return from_epoch_milliseconds(*milliseconds);
    auto parsed = parse_datetime(text);
    if (!parsed || !parsed->date || !parsed->time) return std::nullopt;
    return to_ghost_time(*parsed);
}

std::optional<CardBody> single_card_of_mobiledoc(std::string_view mobiledoc) {
    const Json document = Json::parse(mobiledoc, nullptr, false);
    if (!document.is_object() || !document.contains("cards") || !document.contains("sections")) return std::nullopt;
    const Json& cards = document["cards"];
    const Json& sections = document["sections"];
    if (!cards.is_array() || cards.size() != 1 || !sections.is_array()) return std::nullopt;
    int card_sections = 0;
    for (const Json& section : sections) {
        if (section.is_array() && section.size() == 2 && section[0] == 10 && section[1] == 0)
            ++card_sections;
        else if (!is_empty_mobiledoc_section(section))
            return std::nullopt;
    }
    const Json& card = cards[0];
    if (card_sections != 1 || !card.is_array() || card.size() < 2 || !card[0].is_string()) return std::nullopt;
    return card_of(card[0].get<std::string>(), card[1]);
}

std::optional<CardBody> single_card_of_lexical(std::string_view lexical) {
    const Json document = Json::parse(lexical, nullptr, false);
    if (!document.is_object() || !document.contains("root") || !document["root"].is_object()) return std::nullopt;
    const Json& root = document["root"];
    if (!root.contains("children") || !root["children"].is_array()) return std::nullopt;
    std::optional<CardBody> found;
    for (const Json& child : root["children"]) {
        if (!child.is_object() || !child.contains("type")) return std::nullopt;
        const bool empty_paragraph = child["type"] == "paragraph" &&
                                     (!child.contains("children") || child["children"].empty());
        if (empty_paragraph) continue;
        if (found || !child["type"].is_string()) return std::nullopt;
        found = card_of(child["type"].get<std::string>(), child);
        if (!found) return std::nullopt;
    }
    return found;
}

std::string mobiledoc_of(const CardBody& body) {
    const bool markdown = body.kind == CardBody::Kind::Markdown;
    Json payload = Json::object();
    payload[markdown ? "markdown" : "html"] = body.text;
    Json document = {{"version", "0.3.1"},
                     {"ghostVersion", "4.0"},
                     {"atoms", Json::array()},
                     {"cards", Json::array({Json::array({markdown ? "markdown" : "html", payload})})},
                     {"markups", Json::array()},
                     {"sections", Json::array({Json::array({10, 0})})}};
    return dump_json(document);
}

std::string slug_of(std::string_view name) {
    if (name.starts_with('#')) return "hash-" + slugify(name.substr(1));
    return slugify(name);
}

ArticleSplit split_article(std::string_view text, const std::string& display) {
    std::size_t open = 0;
    while (open < text.size() && is_ascii_space(text[open])) ++open;
    if (open == text.size() || text[open] != '{') {
        LineColumn at = line_column_at(text, open);
        throw ParseError(SourceLocation{display, at.line, at.column},
                         "expected a Ghost export ({\"db\":[{\"meta\":...,\"data\":...}]} or "
                         "{\"meta\":...,\"data\":...}) or a Ghost article (a JSON object of the post's "
                         "fields, then its body)");
    }
    std::size_t end = find_json_end(text, open);
    if (end == std::string_view::npos) {
        LineColumn at = line_column_at(text, open);
        throw ParseError(SourceLocation{display, at.line, at.column}, "unterminated JSON object: no closing '}'");
    }
    ArticleSplit split{end, end};
    if (split.body_begin < text.size() && text[split.body_begin] == '\r') ++split.body_begin;
    if (split.body_begin < text.size() && text[split.body_begin] == '\n') ++split.body_begin;
    return split;
}

std::string encode_side_channel(const Table& front_matter) {
    Json wrapped = Json::object();
    wrapped[std::string(side_channel_wrapper)] = to_typed_json(front_matter);
    return dump_json(wrapped);
}

std::optional<Table> decode_side_channel(std::string_view text) {
    const Json wrapped = Json::parse(text, nullptr, false);
    if (!wrapped.is_object() || wrapped.size() != 1 || !wrapped.contains(side_channel_wrapper) ||
        !wrapped[std::string(side_channel_wrapper)].is_object())
        return std::nullopt;
    try {
        return table_from_typed_json(wrapped[std::string(side_channel_wrapper)]);
    } catch (const TypedJsonError&) {
        return std::nullopt;
    }
}

}  // namespace postport::ghost
