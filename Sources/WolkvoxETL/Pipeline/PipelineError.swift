/// Everything wrong with a pipeline file, each problem with its file, line, column and key.
///
/// Rendered one problem a line, like a compiler:
/// `pipeline.yaml:12:16: source.concurrency: must be 1 or 2 (at most 2 requests at once per token), got 3`.
package struct PipelineError: Error, Sendable, CustomStringConvertible {
    /// One thing wrong with the file, with where it is.
    package struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The pipeline file, as given.
        package var file: String
        /// 1-based line, when known.
        package var line: Int?
        /// 1-based column, when known.
        package var column: Int?
        /// Dotted path of the key, e.g. `source.max_days_per_request`; empty for the whole file.
        package var keyPath: String
        /// What is wrong and what is allowed. Never holds a secret's value.
        package var message: String

        package init(file: String = "pipeline", line: Int? = nil, column: Int? = nil, keyPath: String, message: String) {
            self.file = file
            self.line = line
            self.column = column
            self.keyPath = keyPath
            self.message = message
        }

        /// `FILE:LINE:COL: KEY: MESSAGE`.
        package var description: String {
            var text = file
            if let line {
                text += ":\(line)"
                if let column { text += ":\(column)" }
            }
            text += ": "
            if !keyPath.isEmpty { text += keyPath + ": " }
            return text + message
        }
    }

    package var problems: [Problem]

    package init(problems: [Problem]) { self.problems = problems }

    /// The problems, one a line.
    package var description: String { problems.map(\.description).joined(separator: "\n") }
}
