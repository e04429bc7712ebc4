import Foundation

/// Independent readers of the landed files: Python's csv and json modules, and DuckDB when the
/// test machine has it (`.ci/run` installs it from PyPI).
enum PythonReader {
    /// The `python3` first on PATH, the one `.ci/run` installs DuckDB into (a machine may have
    /// another in /usr/bin without it); else the system's.
    static let python: String? = {
        let which = Process()
        which.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        which.arguments = ["python3", "-c", "import sys; print(sys.executable)"]
        let out = Pipe()
        which.standardOutput = out
        let fallback = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard (try? which.run()) != nil else { return fallback }
        which.waitUntilExit()
        let path = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return which.terminationStatus == 0 && !path.isEmpty ? path : fallback
    }()

    static func run(_ script: String, arguments: [String]) throws -> (status: Int32, output: String) {
        guard let python else { return (127, "python3 not found") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Whether Python has the `duckdb` module (`.ci/run` installs it).
    static let hasDuckDB: Bool = (try? run("import duckdb", arguments: []).status) == 0

    /// Reads every `part-*.csv.gz` with Python's csv module and every `part-*.ndjson.gz` with its
    /// json module (numbers kept as their exact text) and compares them cell by cell, in order;
    /// a nested value's cell must hold the same JSON. Prints `SAME <rows>` or the first difference.
    static let compareCSVWithNDJSON = #"""
        import csv, glob, gzip, json, os, sys
        root = sys.argv[1]
        rows = 0
        for ndjson in sorted(glob.glob(os.path.join(root, "dt=*", "part-*.ndjson.gz"))):
            csv_path = ndjson[: -len(".ndjson.gz")] + ".csv.gz"
            with gzip.open(ndjson, "rt", encoding="utf-8", newline="") as f:
                objects = [json.loads(line, parse_float=str, parse_int=str) for line in f.read().split("\n") if line]
            with gzip.open(csv_path, "rt", encoding="utf-8", newline="") as f:
                table = list(csv.reader(f))
            header, data = table[0], table[1:]
            if len(data) != len(objects):
                print(f"DIFF {csv_path}: {len(data)} csv rows, {len(objects)} ndjson rows"); sys.exit(1)
            for i, (cells, obj) in enumerate(zip(data, objects)):
                want = ["" if obj.get(k) is None else str(obj[k]) for k in header]
                for j, k in enumerate(header):
                    if isinstance(obj.get(k), (list, dict)):
                        want[j] = obj[k]
                        cells[j] = json.loads(cells[j], parse_float=str, parse_int=str)
                if cells != want:
                    print(f"DIFF {csv_path} row {i}: csv={cells!r} ndjson={want!r}"); sys.exit(1)
            rows += len(data)
        print(f"SAME {rows}")
        """#

    /// agent_5's tree read by DuckDB: rows, hours (elements of `status_x_hour`) and their calls,
    /// the elements reached with `unnest` as structs. Prints `NESTED <rows> <hours> <calls>`.
    static let duckdbNestedSums = #"""
        import sys, duckdb
        root = sys.argv[1]
        rows, hours = duckdb.sql(f"SELECT count(*), sum(len(status_x_hour)) FROM read_json('{root}/**/*.ndjson.gz', hive_partitioning = true)").fetchall()[0]
        calls = duckdb.sql(f"SELECT sum(h.calls) FROM (SELECT unnest(status_x_hour) AS h FROM read_json('{root}/**/*.ndjson.gz', hive_partitioning = true))").fetchall()[0][0]
        print(f"NESTED {rows} {hours} {calls}")
        """#

    /// Counts rows with DuckDB's own readers over the hive-partitioned tree; prints `NODUCKDB`
    /// when the module is missing.
    static let duckdbCounts = #"""
        import sys
        try:
            import duckdb
        except ImportError:
            print("NODUCKDB"); sys.exit(0)
        root = sys.argv[1]
        j = duckdb.sql(f"SELECT count(*) FROM read_json('{root}/**/*.ndjson.gz', hive_partitioning = true)").fetchall()[0][0]
        c = duckdb.sql(f"SELECT count(*) FROM read_csv('{root}/**/*.csv.gz', hive_partitioning = true)").fetchall()[0][0]
        print(f"COUNTS {j} {c}")
        """#
}
