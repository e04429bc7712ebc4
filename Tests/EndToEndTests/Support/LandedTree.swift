import Foundation

/// What a reader of a landed dataset folder sees, for tests that compare trees or look for half
/// days: raw NDJSON lines per day, and the consistency of each visible day with its manifest.
enum LandedTree {
    /// Every NDJSON line of each day folder, sorted (a multiset: repeats are kept), by `dt` value.
    /// Raw lines, not parsed objects: keys come in catalog order, so equal rows are equal text.
    static func sortedLinesByDay(_ dataset: URL) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for day in try LandedFiles.days(dataset) {
            var lines: [String] = []
            for file in try LandedFiles.files(dataset.appendingPathComponent(day), suffix: ".ndjson.gz") {
                let text = String(decoding: try LandedFiles.gunzip(file), as: UTF8.self)
                lines += text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            }
            result[String(day.dropFirst(3))] = lines.sorted()
        }
        return result
    }

    /// The manifest of a day folder, as JSON, or nil when it has none.
    static func manifest(_ dayFolder: URL) -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: dayFolder.appendingPathComponent("_manifest.json").path) else {
            return nil
        }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// What is wrong with the visible tree of a dataset (empty when nothing): anything but
    /// `dt=` folders holding data parts and a manifest, a day whose files are not exactly its
    /// manifest's, or a day whose row count differs from `expectedRows` (a half or mixed day).
    static func problems(_ dataset: URL, expectedRows: [String: Int]) -> [String] {
        var problems: [String] = []
        let fm = FileManager.default
        guard fm.fileExists(atPath: dataset.path) else { return [] }
        let entries = (try? fm.contentsOfDirectory(atPath: dataset.path)) ?? []
        for entry in entries.sorted() {
            guard entry.hasPrefix("dt=") else {
                problems.append("not a day folder: \(entry)")
                continue
            }
            let folder = dataset.appendingPathComponent(entry)
            let files = Set((try? fm.contentsOfDirectory(atPath: folder.path)) ?? [])
            guard let manifest = manifest(folder) else {
                problems.append("\(entry) has no manifest: \(files.sorted())")
                continue
            }
            let listed = Set(((manifest["files"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String })
            if files != listed.union(["_manifest.json"]) {
                problems.append("\(entry) holds \(files.sorted()), its manifest lists \(listed.sorted())")
            }
            let day = String(entry.dropFirst(3))
            let rows = manifest["rows"] as? Int
            if let want = expectedRows[day], rows != want {
                problems.append("\(entry) has \(rows ?? -1) rows, a whole day has \(want)")
            }
        }
        return problems
    }

    /// Regular files under `root` (relative paths), for "nothing left behind" checks.
    static func regularFiles(_ root: URL) -> [String] {
        LandedFiles.tree(root).filter { path in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDir) && !isDir.boolValue
        }
    }
}
