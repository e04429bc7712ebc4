import Foundation
import WolkvoxETL

/// Finds an `s3://` pipeline's credentials where the AWS tools look: the pipeline's own keys,
/// the environment, the shared credentials file. Only the command line reads them.
enum S3CredentialsLookup {
    static func apply(to options: inout RunOptions, pipeline: Pipeline) throws {
        guard case .bucket = pipeline.load.target else { return }
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"] ?? NSHomeDirectory()
        let path = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? home + "/.aws/credentials"
        let file = try? String(contentsOfFile: path, encoding: .utf8)
        options.s3Credentials = try (pipeline.load.s3 ?? Pipeline.S3Settings())
            .credentials(environment: environment, credentialsFile: file)
    }
}
