/// Realistic and deliberately nasty (but valid) values: unicode, emoji, quotes, commas, tabs,
/// newlines, backslashes, blanks as "" and " ", ids and telephones with leading zeros.
enum ValuePools {
    static let agentNames = [
        "María José Pérez", "Juan Camilo Gómez", "José Ñuñez", "Ana \"La Jefa\" Ruiz", "O'Brien, Patrick",
        "Zoë Łukasz", "李小龍", "Renée 🎧 Ortiz", "  Carlos Andrés  ", "Sofía\\Martínez", "Luis\tFernando",
        "Valentina Restrepo", "Andrés Felipe Londoño", "Camila Rodríguez", "Daniela Ospina", "Santiago Cárdenas",
    ]

    static let destinies = ["MOVIL", "LOCAL", "NACIONAL", "INTERNACIONAL", "IVR", "Celular Claro", "", " "]

    /// (code, description) pairs; TIMEOUTACW when the agent let the typing time lapse.
    static let activityCodes: [((String, String), Int)] = [
        (("VENTA", "Venta efectiva"), 12), (("NO_INTERESA", "No le interesa"), 10),
        (("VOLVER_LLAMAR", "Volver a llamar, \"tarde\""), 8), (("TIMEOUTACW", "TIMEOUTACW"), 7),
        (("0123", "Código con cero a la izquierda"), 3), (("QUEJA", "Queja / reclamo"), 5),
        (("", ""), 6), ((" ", " "), 4),
    ]

    static let typeInteractions: [(String, Int)] = [
        ("inbound", 40), ("out_pre", 18), ("outbound_ma", 12), ("internal call", 4), ("internal call_inb", 2),
        ("internal call_que", 2), ("conference", 1), ("transfer", 4), ("ivr-out", 3),
    ]

    static let hangUps = ["agent", "customer", "system", "AGENT", "", " "]

    static let skills: [(String, String)] = [
        ("001", "Ventas"), ("002", "Servicio al cliente"), ("003", "Cobranza"), ("007", "Soporte técnico"),
        ("010", "Atención \"VIP\", prioritaria"), ("015", "Retención 🔥"),
    ]

    static let comments = [
        "", " ", "", "Cliente pide que lo llamen después", "Dijo: \"no me interesa\", colgó",
        "línea uno\nlínea dos", "tabulado\taquí\ty aquí", "Ruta C:\\Users\\agente\\notas.txt",
        "Muy amable 😀👍🏽", "comma, separated, values", "中文评论：客户满意", "termina en barra \\",
        "retorno\r\nde carro", "'comillas simples' y \"dobles\"", "ñandú, pingüino, acción",
        "{\"json\": \"dentro\"}", "<b>html</b> & amp", "   espacios alrededor   ",
    ]

    static let chatChannels = ["chat", "email", "whatsapp", "facebook", "instagram", "telegram", "WhatsApp"]

    static let subjects = [
        "Consulta de factura", "Re: Pedido #000123", "¿Dónde está mi pedido? 📦", "Cambio de plan, urgente",
        "", " ", "Fwd: \"Reclamo\" formal", "Solicitud\tcon tabulador",
    ]

    static let chatBodies = [
        "Hola, quiero saber el estado de mi pedido.",
        "Buenas tardes,\nadjunto la factura.\n\nGracias,\nAna",
        "Mensaje con \"comillas\", comas, y una barra \\ invertida",
        "Emoji: 😀😃😄 🇨🇴 👨‍👩‍👧‍👦",
        "Tabs\tentre\tpalabras y saltos\r\nde línea Windows",
        "日本語のメッセージです。",
        "", " ",
    ]

    static let answers = [
        "Con gusto le ayudamos.", "Su caso fue escalado al área \"técnica\".", "", " ",
        "Gracias por escribirnos 🙌\nQuedamos atentos.",
    ]

    static let surveys = ["", " ", "1", "2", "3", "4", "5", "Excelente", "malo"]

    static let attachments = ["", "", " ", "https://files.example.com/a/factura.pdf", "foto.png;factura, marzo.pdf"]

    static let callResults = [
        ("ANSWER", 50), ("answer", 10), ("BUSY", 8), ("busy", 3), ("NOANSWER", 15), ("abandon", 8), ("CONGESTION", 2),
    ]

    static let ivrChannels = ["voice", "whatsapp", "web", "VOICE"]

    static let menuOptions = ["1", "2", "3", "9", "0", "*", "#", "1.2", "OPC_VENTAS", "OPC_SOPORTE", " "]

    /// A ~10 KB chat body: a nasty paragraph repeated, lines numbered.
    static let longChatBody: String = {
        var text = ""
        var line = 0
        while text.utf8.count < 10_000 {
            line += 1
            text += "Línea \(line): \"cita\", coma, tab\t, barra \\ y emoji 😀 — texto largo del cuerpo.\n"
        }
        return text
    }()

    /// A telephone as text: mobile, landline, with country prefix and leading zeros.
    static func telephone(_ rng: inout SeededGenerator) -> String {
        switch rng.below(6) {
        case 0, 1: return "3" + rng.digits(9)
        case 2: return "057" + "3" + rng.digits(9)
        case 3: return "601" + rng.digits(7)
        case 4: return "000" + rng.digits(3)
        default: return rng.chance(0.5) ? "" : " "
        }
    }

    /// A customer id; some with leading zeros, some blank.
    static func customerID(_ rng: inout SeededGenerator) -> String {
        switch rng.below(8) {
        case 0: return "000" + rng.digits(3)
        case 1: return ""
        case 2: return " "
        default: return String(rng.inRange(1_000_000...1_999_999_999))
        }
    }
}
