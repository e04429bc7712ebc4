import Foundation

/// Reads what a run landed with tools that are not ours: `gzip -dc` and Foundation's JSON parser.
enum LandedFiles {
    /// `gzip -dc FILE`, failing the test when gzip rejects the file. `keepingWhatIsThere` returns
    /// what it decompressed before an error instead (a killed run's staging files end mid-stream).
    static func gunzip(_ file: URL, keepingWhatIsThere: Bool = false) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", file.path]
        let out = Pipe()
        process.standardOutput = out
        if keepingWhatIsThere { process.standardError = FileHandle.nullDevice }
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 || keepingWhatIsThere else {
            throw NSError(domain: "gzip", code: Int(process.terminationStatus), userInfo: [NSLocalizedDescriptionKey: "gzip -dc \(file.path) failed"])
        }
        return data
    }

    /// Day folders of a dataset: `dt=YYYY-MM-DD` names, sorted.
    static func days(_ dataset: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: dataset.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: dataset.path).filter { $0.hasPrefix("dt=") }.sorted()
    }

    static func files(_ dir: URL, suffix: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(suffix) && !$0.hasPrefix("_") }
            .sorted().map { dir.appendingPathComponent($0) }
    }

    /// Every NDJSON row under `dataset`, with the day folder it was found in.
    static func ndjsonRows(_ dataset: URL) throws -> [(dt: String, row: [String: Any])] {
        var rows: [(String, [String: Any])] = []
        for day in try days(dataset) {
            let dir = dataset.appendingPathComponent(day)
            for file in try files(dir, suffix: ".ndjson.gz") {
                let data = try gunzip(file)
                for line in data.split(separator: 0x0A) where !line.isEmpty {
                    let object = try JSONSerialization.jsonObject(with: Data(line)) as! [String: Any]
                    rows.append((String(day.dropFirst(3)), object))
                }
            }
        }
        return rows
    }

    /// Every file and folder under `root`, relative, for "nothing else lives there" checks.
    static func tree(_ root: URL) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return (e.allObjects as? [String] ?? []).sorted()
    }
}
