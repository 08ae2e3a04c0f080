#include "cli/commands.hpp"

#include <iostream>

#include "cli/batch_command.hpp"
#include "cli/serve_command.hpp"
#include "common/exit_codes.hpp"
#include "common/io.hpp"
#include "common/messages.hpp"

namespace brevgen::cli {
namespace {

void add_common(CLI::App* cmd, Options& o) {
    cmd->add_option("--templates", o.templates, "Directory of letter templates (a municipality's copy)");
    cmd->add_option("--fonts", o.fonts, "Directory of the letter fonts");
    cmd->add_option("--sender", o.sender, "Sender profile (JSON); default: afsender.json in the templates directory");
    cmd->add_option("--max-pages", o.max_pages, "Refuse letters longer than this many pages (default 100)");
    cmd->add_option("--max-input-bytes", o.max_input_bytes, "Refuse case files larger than this (default 16 MiB)");
    cmd->add_option("--max-depth", o.max_depth, "Refuse case data nested deeper than this (default 64)");
    cmd->add_option("--max-array-items", o.max_array_items, "Refuse arrays with more items than this (default 10000)");
    cmd->add_option("--max-string-bytes", o.max_string_bytes, "Refuse longer strings than this (default 1 MiB)");
    cmd->add_option("--max-nodes", o.max_nodes, "Refuse case data with more values than this (default 100000)");
    cmd->add_option("--max-table-rows", o.max_table_rows, "Refuse tables with more rows than this (default 1000)");
}

void print(const Diagnostics& ds, const std::string& file) {
    for (auto d : ds) {
        if (d.file.empty()) d.file = file;
        std::cerr << format_diagnostic(d) << '\n';
    }
}

std::optional<CaseFormat> format_of(const std::string& input) {
    return input == "-" ? std::nullopt : format_from_extension(input);
}

std::shared_ptr<const Engine> load_engine(Options& o) {
    if (!o.templates.empty()) o.settings.templates_dir = o.templates;
    if (!o.fonts.empty()) o.settings.font_dir = o.fonts;
    if (!o.sender.empty()) o.settings.sender_file = o.sender;
    if (o.max_pages) o.settings.layout_limits.max_pages = o.max_pages;
    if (o.max_table_rows) o.settings.layout_limits.max_table_rows = o.max_table_rows;
    auto& read = o.settings.read_limits;
    if (o.max_input_bytes) read.max_input_bytes = o.max_input_bytes;
    if (o.max_depth) read.max_depth = o.max_depth;
    if (o.max_array_items) read.max_array_items = o.max_array_items;
    if (o.max_string_bytes) read.max_string_bytes = o.max_string_bytes;
    if (o.max_nodes) read.max_nodes = o.max_nodes;
    o.settings.tagged_pdf = !o.untagged;
    o.settings.messages = o.memo;
    // One letter's command checks that kind's templates; kinds, schema, batch and serve check all.
    if ((o.command == "render" || o.command == "check" || o.command == "view") && !o.kind.empty()) {
        o.settings.check_kinds = {o.kind};
    }
    return Engine::load(o.settings);
}

int exit_for(const Letter& letter) {
    switch (letter.outcome) {
    case Outcome::ok: return exit_code::ok;
    case Outcome::malformed:
    case Outcome::invalid: return exit_code::data_error;
    case Outcome::failed: return exit_code::failure;
    }
    return exit_code::failure;
}

int write_output(std::string_view bytes, const std::string& output, const char* what = "the PDF") {
    std::string error;
    if (!io::write_file(output, bytes, error)) {
        std::cerr << output << ": error: " << message::cannot_write(what, error) << '\n';
        return exit_code::io_error;
    }
    return exit_code::ok;
}

int write_pdf(const Letter& letter, const std::string& output) { return write_output(letter.pdf, output); }

/// render --memo: the Digital Post message instead of the bare PDF, same errors and exit codes.
int render_message(Options& o, Renderer& renderer, std::string_view text) {
    const Message result = renderer.message(o.kind, text, format_of(o.input));
    print(result.diagnostics, o.input);
    if (result.outcome != Outcome::ok) return exit_for(result);
    return write_output(result.xml, o.output, "the message");
}

int run_case_command(Options& o, const std::shared_ptr<const Engine>& engine) {
    const auto text = io::read_input(o.input, engine->settings().read_limits.max_input_bytes);
    if (text.too_large) {
        std::cerr << o.input << ": error: " << text.error << " (--max-input-bytes)\n";
        return exit_code::data_error;
    }
    if (!text) {
        std::cerr << o.input << ": error: " << message::cannot_read("the case file", text.error) << '\n';
        return exit_code::no_input;
    }
    Renderer renderer(engine);
    if (o.command == "render" && o.memo) return render_message(o, renderer, *text.bytes);
    Letter letter;
    if (o.command == "check") {
        letter = renderer.check(o.kind, *text.bytes, format_of(o.input));
    } else if (o.command == "view") {
        const std::string view = renderer.view(o.kind, *text.bytes, letter, format_of(o.input));
        if (!view.empty()) std::cout << view << '\n';
    } else {
        letter = renderer.render(o.kind, *text.bytes, format_of(o.input));
    }
    print(letter.diagnostics, o.input);
    if (letter.outcome != Outcome::ok || o.command != "render") return exit_for(letter);
    return write_pdf(letter, o.output);
}

int run_typeset(Options& o, const std::shared_ptr<const Engine>& engine) {
    const auto text = io::read_input(o.input, engine->settings().read_limits.max_input_bytes);
    if (text.too_large) {
        std::cerr << o.input << ": error: " << text.error << " (--max-input-bytes)\n";
        return exit_code::data_error;
    }
    if (!text) {
        std::cerr << o.input << ": error: " << message::cannot_read("the markup", text.error) << '\n';
        return exit_code::no_input;
    }
    Renderer renderer(engine);
    const auto base = o.input == "-" ? std::filesystem::current_path() : std::filesystem::path(o.input).parent_path();
    const Letter letter = renderer.typeset(*text.bytes, base.empty() ? "." : base);
    print(letter.diagnostics, o.input);
    if (letter.outcome != Outcome::ok) return exit_for(letter);
    return write_pdf(letter, o.output);
}

}  // namespace

void add_commands(CLI::App& app, Options& o) {
    auto* render = app.add_subcommand("render", "Render one letter from a case file (JSON or XML)");
    render->add_option("KIND", o.kind, "Letter kind (see `brevgen kinds`)")->required();
    render->add_option("CASE", o.input, "Case file (.json or .xml), or - for stdin")->required();
    render->add_option("-o,--output", o.output, "Output PDF, or - for stdout")->required();
    auto* untagged =
        render->add_flag("--untagged", o.untagged, "Write a PDF without structure tags or PDF/A (not for sending)");
    // A message is sent: its letter must be the accessible one.
    render->add_flag("--memo", o.memo,
                     "Write the Digital Post message (MeMo 1.2 XML holding the PDF) instead of the PDF; "
                     "the sender profile needs cvr and sagssystem (docs/digital-post.md)")
        ->excludes(untagged);
    add_common(render, o);

    auto* check = app.add_subcommand("check", "Validate a case file without rendering");
    check->add_option("KIND", o.kind, "Letter kind")->required();
    check->add_option("CASE", o.input, "Case file, or - for stdin")->required();
    add_common(check, o);

    auto* view = app.add_subcommand("view", "Print the view (enriched values) a template sees, as JSON");
    view->add_option("KIND", o.kind, "Letter kind")->required();
    view->add_option("CASE", o.input, "Case file, or - for stdin")->required();
    add_common(view, o);

    auto* typeset = app.add_subcommand("typeset", "Typeset letter markup directly (for template authors)");
    typeset->add_option("MARKUP", o.input, "Letter markup file, or - for stdin")->required();
    typeset->add_option("-o,--output", o.output, "Output PDF, or - for stdout")->required();
    typeset->add_flag("--untagged", o.untagged, "Write a PDF without structure tags or PDF/A");
    add_common(typeset, o);

    auto* kinds = app.add_subcommand("kinds", "List the letter kinds");
    add_common(kinds, o);

    auto* schema = app.add_subcommand("schema", "Print the JSON Schema of a kind's case data");
    schema->add_option("KIND", o.kind, "Letter kind")->required();
    add_common(schema, o);

    // --- serve: the HTTP service (generator/cli/serve_command.cpp) ---
    add_common(add_serve_command(app, o), o);
    // --- end serve ---

    // --- batch: the nightly extract (generator/cli/batch_command.cpp) ---
    add_common(add_batch_command(app, o), o);
    // --- end batch ---

    for (auto* cmd : app.get_subcommands({})) {
        cmd->callback([&o, cmd] { o.command = cmd->get_name(); });
    }
}

int run_command_line(int argc, const char* const* argv, const Settings& defaults) {
    CLI::App app{"brevgen: Danish letters for the sick-leave retention effort, from case data to PDF"};
    app.set_version_flag("--version", std::string("brevgen ") + BREVGEN_VERSION);
    app.require_subcommand(1);
    Options options;
    options.settings = defaults;
    add_commands(app, options);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? exit_code::ok : exit_code::usage;
    }
    return run(options);
}

int run(Options& o) {
    std::shared_ptr<const Engine> engine;
    try {
        engine = load_engine(o);
    } catch (const StartupError& e) {
        std::cerr << e.what() << '\n';
        return exit_code::failure;
    }
    if (o.command == "kinds") {
        for (const auto& k : engine->kinds()) std::cout << k.name << "  " << k.description << '\n';
        return exit_code::ok;
    }
    if (o.command == "schema") {
        const std::string schema = engine->schema(o.kind);
        if (schema.empty()) {
            std::cerr << format_diagnostic(engine->unknown_kind(o.kind)) << '\n';
            return exit_code::usage;
        }
        std::cout << schema;
        return exit_code::ok;
    }
    if (o.command == "serve") return run_serve(o, engine);  // generator/cli/serve_command.cpp
    if (o.command == "batch") return run_batch_command(o, engine);  // generator/cli/batch_command.cpp
    if (o.command == "typeset") return run_typeset(o, engine);
    return run_case_command(o, engine);
}

}  // namespace brevgen::cli
