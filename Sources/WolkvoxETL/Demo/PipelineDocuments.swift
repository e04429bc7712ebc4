/// A pipeline file may hold several pipelines as YAML documents separated by `---` lines
/// (an extension of the contract: `pipelines/demo.yaml` lands all five reports).
package enum PipelineDocuments {
    /// Loads every document of a file; errors keep the file's own line numbers.
    package static func parseAll(yaml: String, file: String, environment: [String: String]) throws -> [Pipeline] {
        var documents: [(firstLine: Int, text: String)] = []
        var current: [Substring] = []
        var firstLine = 0
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if line.trimmingTrailingSpaces == "---" {
                documents.append((firstLine, current.joined(separator: "\n")))
                current = []
                firstLine = index + 1
            } else {
                current.append(line)
            }
        }
        documents.append((firstLine, current.joined(separator: "\n")))
        var pipelines: [Pipeline] = []
        var problems: [PipelineError.Problem] = []
        for document in documents where document.text.contains(where: { !$0.isWhitespace }) && !isOnlyComments(document.text) {
            // Padding with the lines before the document keeps line numbers true to the file.
            let padded = String(repeating: "\n", count: document.firstLine) + document.text
            do {
                pipelines.append(try PipelineLoader.parse(yaml: padded, file: file, environment: environment))
            } catch {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw PipelineError(problems: problems) }
        return pipelines
    }

    static func isOnlyComments(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy { line in
            let t = line.drop(while: { $0 == " " })
            return t.isEmpty || t.hasPrefix("#")
        }
    }
}

extension Substring {
    fileprivate var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\r" { s = s.dropLast() }
        return s
    }
}
