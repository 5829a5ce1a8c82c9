import ArgumentParser
import TramaService

/// `--limit` and `--offset` of every paged listing, checked against the same caps as the API's
/// `limit` and `offset` (``Page``).
struct PageOptions: ParsableArguments {
    @Option(help: "At most this many.") var limit = Page.defaultLimit
    @Option(help: "Skip this many first.") var offset = 0

    func validate() throws {
        if limit < 1 || limit > Page.maximumLimit { throw ValidationError("--limit must be between 1 and \(Page.maximumLimit)") }
        if offset < 0 || offset > Page.maximumOffset { throw ValidationError("--offset must be between 0 and \(Page.maximumOffset)") }
    }
}

/// `--format text|json`, for answers that are not drawn.
struct TextOrJSON: ParsableArguments {
    @Option(help: "text or json.") var format: OutputFormat = .text

    func validate() throws { if format != .text, format != .json { throw ValidationError("--format must be text or json") } }

    /// The answer in the chosen form, on standard output.
    func print(text: @autoclosure () -> String, json: @autoclosure () -> JSONValue) {
        Swift.print(format == .json ? json().pretty : text())
    }
}
