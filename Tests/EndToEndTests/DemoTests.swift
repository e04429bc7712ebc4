import Foundation
import Testing

/// The README's first command: `wolkvox-etl demo` lands every pipeline of pipelines/demo.yaml.
struct DemoTests {
    @Test func theDemoLandsEveryPipelineOfTheDemoFile() async throws {
        let dir = try TempDir()
        let result = try await CLI.run(["demo", "--out", "lake"], cwd: dir.url)
        #expect(result.exitCode == 0, "\(result.stdout.suffix(2000)) \(result.stderr.suffix(1000))")
        let lake = dir.url.appendingPathComponent("lake")
        // Ranged reports: the week of 2025-03-10; the dimension snapshot: today's folder.
        for dataset in ["cdr_1", "cdr_6", "chat_4", "diagram_13", "agent_1", "skill_3", "agent_8", "agent_6", "agent_5", "exploded/agent_5"] {
            let days = try LandedFiles.days(lake.appendingPathComponent(dataset))
            #expect(days.count == 7, "\(dataset): \(days)")
        }
        #expect(try LandedFiles.days(lake.appendingPathComponent("information.agents")).count == 1)
        #expect(result.stdout.contains("demo-skill_3: skill_3 2025-03-10 to 2025-03-16: ok"), "\(result.stdout)")
        #expect(!result.stdout.contains("failed"), "\(result.stdout)")
    }
}
