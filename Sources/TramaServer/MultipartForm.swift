import Foundation

/// A `multipart/form-data` body (RFC 7578) as a browser sends an upload form: its text fields,
/// and its one file written to a file of its own. The body is read from disk (it was streamed
/// there, and may be hundreds of megabytes) through a memory map, so it is never held whole.
struct MultipartForm {
    var fields: [(String, String)] = []
    /// The file part's size and first four bytes (a zip's or gzip's signature), when it had one.
    var file: (bytes: Int, head: [UInt8])?

    enum Failure: Error { case malformed(String) }

    /// The boundary a `Content-Type: multipart/form-data; boundary=…` names.
    static func boundary(of contentType: String?) -> String? {
        guard let type = contentType, type.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in type.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty || value.count > 70 ? nil : value
            }
        }
        return nil
    }

    /// Reads the form in `body`; the part named `fileField` goes to `fileURL`.
    init(body: URL, boundary: String, fileField: String, fileURL: URL) throws {
        let data = try Data(contentsOf: body, options: .alwaysMapped)
        let delimiter = Data("--\(boundary)".utf8)
        let separator = Data("\r\n\r\n".utf8)
        guard var cursor = data.range(of: delimiter)?.upperBound else { throw Failure.malformed("no part starts with the boundary") }
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            guard data.count >= cursor + 2 else { throw Failure.malformed("the body ends inside a part") }
            if data[cursor] == UInt8(ascii: "-"), data[cursor + 1] == UInt8(ascii: "-") { break }
            cursor += 2
            guard let headEnd = data.range(of: separator, in: cursor..<data.count) else { throw Failure.malformed("a part has no end to its headers") }
            let head = String(decoding: data[cursor..<headEnd.lowerBound], as: UTF8.self)
            guard let end = data.range(of: Data("\r\n".utf8) + delimiter, in: headEnd.upperBound..<data.count) else {
                throw Failure.malformed("a part has no closing boundary")
            }
            let content = headEnd.upperBound..<end.lowerBound
            let (name, isFile) = Self.disposition(head)
            if let name {
                if name == fileField, isFile {
                    guard FileManager.default.createFile(atPath: fileURL.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                        throw Failure.malformed("cannot write the uploaded file")
                    }
                    let handle = try FileHandle(forWritingTo: fileURL)
                    defer { try? handle.close() }
                    var at = content.lowerBound
                    while at < content.upperBound {
                        let next = min(at + (1 << 20), content.upperBound)
                        try handle.write(contentsOf: data[at..<next])
                        at = next
                    }
                    file = (content.count, Array(data[content.lowerBound..<min(content.lowerBound + 4, content.upperBound)]))
                } else if content.count <= 64 * 1024 {
                    fields.append((name, String(decoding: data[content], as: UTF8.self)))
                }
            }
            cursor = end.upperBound
        }
    }

    /// The part's field name, and whether it carries a file (`filename=`).
    static func disposition(_ head: String) -> (name: String?, file: Bool) {
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            var name: String?
            var file = false
            for parameter in line.split(separator: ";").dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { continue }
                let value = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
                switch pair[0].lowercased() {
                case "name": name = value
                case "filename": file = true
                default: break
                }
            }
            return (name, file)
        }
        return (nil, false)
    }
}
