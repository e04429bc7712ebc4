import ArgumentParser
import Foundation
import Logging
import WolkvoxETL
import WolkvoxMock

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start a local mock Wolkvox API and land pipelines/demo.yaml (the first five reports and one of each other kind), end to end."
    )

    @Option(help: "Where to land the files.")
    var out: String = "out"

    @OptionGroup var logging: LogOptions

    func run() async throws {
        logging.bootstrap()
        let out = self.out
        let exit = try await MockServer.withRunning(MockConfiguration()) { server in
            var environment = ProcessInfo.processInfo.environment
            environment["WOLKVOX_BASE_URL"] = server.baseURL
            environment["WOLKVOX_TOKEN"] = server.configuration.token
            print("mock Wolkvox API on \(server.baseURL); landing into \(out)/\n")
            var worst = RunExit.landed
            for var pipeline in try PipelineDocuments.parseAll(
                yaml: DemoPipelines.yaml, file: "pipelines/demo.yaml", environment: environment)
            {
                // `out` in the file is the demo's folder; `out/exploded` a folder inside it.
                if pipeline.load.root == "out" || pipeline.load.root.hasPrefix("out/") {
                    pipeline.load.root = out + pipeline.load.root.dropFirst("out".count)
                }
                let result = try await PipelineRunner(
                    pipeline: pipeline, options: RunEnvironment.applied(to: RunOptions()), logger: Logger(label: "wolkvox-etl")
                ).run()
                print(result.summary + "\n")
                worst = worst.worse(result.exit)
            }
            print("""
                Look at it:
                  find \(out) -name '_manifest.json' | head
                  gzip -dc \(out)/cdr_1/dt=2025-03-10/part-00000.ndjson.gz | head -n 2
                  gzip -dc \(out)/agent_5/dt=2025-03-10/part-00000.ndjson.gz | head -n 1      # a nested array
                  gzip -dc \(out)/exploded/agent_5/dt=2025-03-10/part-00000.ndjson.gz | head -n 2   # the same, one row per hour
                  duckdb -c "SELECT dt, count(*) AS calls, sum(cost) AS cost FROM read_json('\(out)/cdr_1/**/*.ndjson.gz', hive_partitioning = true) GROUP BY dt ORDER BY dt"
                """)
            return worst
        }
        if exit != .landed { throw ExitCode(exit.rawValue) }
    }
}
