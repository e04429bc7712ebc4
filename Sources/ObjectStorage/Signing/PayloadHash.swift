import Crypto
package import Foundation

/// The digests S3 checks a body against: SHA-256 hex for the signature, base64 MD5 for
/// `Content-MD5`, base64 SHA-256 for `x-amz-checksum-sha256`.
package enum PayloadHash {
    package static func sha256Hex<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        SignatureV4.hex(SHA256.hash(data: bytes))
    }

    package static func md5Base64<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        Data(Insecure.MD5.hash(data: bytes)).base64EncodedString()
    }

    package static func sha256Base64<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        Data(SHA256.hash(data: bytes)).base64EncodedString()
    }
}
