import ArgumentParser
import Foundation
import Logging
import WolkvoxETL
import WolkvoxMock

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start a local mock Wolkvox API and land all five reports from pipelines/demo.yaml, end to end."
    )

    @Option(help: "Where to land the files.")
    var out: String = "out"

    @OptionGroup var logging: LogOptions

    func run() async throws {
        logging.bootstrap()
        let out = self.out
        let exitCode = try await MockServer.withRunning(MockConfiguration()) { server in
            var environment = ProcessInfo.processInfo.environment
            environment["WOLKVOX_BASE_URL"] = server.baseURL
            environment["WOLKVOX_TOKEN"] = server.configuration.token
            print("mock Wolkvox API on \(server.baseURL); landing into \(out)/\n")
            var worst: Int32 = 0
            for var pipeline in try PipelineDocuments.parseAll(
                yaml: DemoPipelines.yaml, file: "pipelines/demo.yaml", environment: environment)
            {
                pipeline.load.root = out
                var options = RunOptions()
                options.gzipEngine = DeflateEnvironment.engine()
                let result = try await PipelineRunner(pipeline: pipeline, options: options, logger: Logger(label: "wolkvox-etl")).run()
                print(result.summary + "\n")
                worst = max(worst, result.exitCode)
            }
            print("""
                Look at it:
                  find \(out) -name '_manifest.json' | head
                  gzip -dc \(out)/cdr_1/dt=2025-03-10/part-00000.ndjson.gz | head -n 2
                  duckdb -c "SELECT dt, count(*) AS calls, sum(cost) AS cost FROM read_json('\(out)/cdr_1/**/*.ndjson.gz', hive_partitioning = true) GROUP BY dt ORDER BY dt"
                """)
            return worst
        }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}
