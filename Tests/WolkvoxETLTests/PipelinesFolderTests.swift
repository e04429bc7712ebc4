import Foundation
import Testing

@testable import WolkvoxETL

/// The ready pipelines in `pipelines/` are what users copy first: each must load as written.
struct PipelinesFolderTests {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("pipelines")
    }

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test func theFolderHasAPipelineForEachReportTheReadmeNames() {
        for report in ["agent_1", "agent_3", "agent_7", "agent_8", "cdr_1", "cdr_5", "chat_1", "chat_16", "skill_1", "skill_3"] {
            #expect(Self.files.contains("\(report)-nightly.yaml"), "pipelines/\(report)-nightly.yaml")
        }
        #expect(Self.files.contains("information.activity_codes-poll.yaml"))
    }

    @Test(arguments: files)
    func aReadyPipelineLoadsAsWritten(file: String) throws {
        let environment = ["WOLKVOX_SERVER": "0002", "WOLKVOX_TOKEN": "t0ken"]
        let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
        let pipelines = try PipelineDocuments.parseAll(yaml: text, file: file, environment: environment)
        #expect(!pipelines.isEmpty)
        // Named for what they land: REPORT-nightly.yaml, REPORT-backfill.yaml, REPORT-poll.yaml.
        if file != "demo.yaml" {
            #expect(pipelines.allSatisfy { file.hasPrefix($0.report.name + "-") }, "\(file)")
        }
    }
}
