import Foundation
import Hummingbird
import WolkvoxAPI

/// Serving recorded bodies (see `MockTape`).
extension MockServer {
    /// Streams the recorded body of the query, the API's 404 when the window was recorded
    /// empty, or a 500 naming the missing file; nil when it is missing and `tape.recordMissing`.
    func replay(report: ReportSpec, window: Window, tape: MockTape, slot: MockState.Slot) -> Response? {
        let bodyPath = tape.bodyPath(report: report.name, window: window)
        guard let handle = FileHandle(forReadingAtPath: bodyPath) else {
            if FileManager.default.fileExists(atPath: tape.emptyPath(report: report.name, window: window)) {
                return Self.response(MockRules.noRecords, slot: slot)
            }
            if tape.recordMissing { return nil }
            return Self.response(Self.missingRecording(bodyPath, report: report.name, window: window), slot: slot)
        }
        let chunkSize = max(1, configuration.chunkSize)
        let body = ResponseBody { writer in
            defer { try? handle.close() }
            do {
                // One chunk in memory at a time, whatever the body's size.
                while let data = try handle.read(upToCount: chunkSize), !data.isEmpty {
                    try await writer.write(ByteBuffer(bytes: data))
                }
            } catch {
                slot.release()
                throw error
            }
            slot.release()  // before the end reaches the client, as for generated bodies
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: body)
    }

    /// The 500 of a replay that has no recording for the query; the message names the file.
    static func missingRecording(_ path: String, report: String, window: Window) -> MockRules.Answer {
        var message: [UInt8] = []
        let text = "mock replay: no recorded answer for \(report) \(window.start.compact)-\(window.end.compact): "
            + "\(path) is missing (record this range again with --record)"
        JSONWriter(phpStyle: false).writeString(text, into: &message)
        let body = #"{"code": "500", "error": "Internal Server Error", "msg": "# + String(decoding: message, as: UTF8.self) + "}"
        return .error(status: 500, body: body)
    }
}
