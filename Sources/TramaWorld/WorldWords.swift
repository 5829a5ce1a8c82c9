/// Word lists for names that look like the data investigators read (Ibero-American registries).
enum Words {
    static let firstNames = [
        "Ana", "Bruno", "Carla", "Daniel", "Elisa", "Fabio", "Gabriela", "Hugo", "Isabel", "João", "Karina", "Luis", "Marta", "Nuno",
        "Olga", "Pedro", "Raquel", "Rafael", "Sofia", "Tiago", "Úrsula", "Vitor", "Wanda", "Xavier", "Yara", "José", "Adriana", "Bernardo",
        "Cecilia", "Diego", "Esther", "Felipe", "Gloria", "Hector", "Ines", "Jorge", "Lucia", "Mateo", "Natalia", "Oscar", "Paula",
        "Ricardo", "Silvia", "Tomas", "Valeria", "Andrés", "Beatriz", "Camilo", "Dolores", "Emilio", "María", "Juan", "Carmen", "Antonio",
        "Francisca", "Manuel", "Rosa", "Javier", "Teresa", "Miguel",
    ]
    static let lastNames = [
        "Souza", "Lima", "Dias", "Reis", "Costa", "Pereira", "Oliveira", "Santos", "Rodrigues", "Almeida", "Nunes", "Prado", "Gomes",
        "Martins", "Araujo", "Barbosa", "Ribeiro", "Carvalho", "Teixeira", "Moreira", "Cardoso", "Rocha", "Mendes", "Freitas", "Castro",
        "Fernández", "García", "López", "Martínez", "Sánchez", "Romero", "Navarro", "Torres", "Vargas", "Herrera", "Medina", "Aguilar",
        "Rojas", "Ortega", "Silva", "Vega", "Campos", "Fuentes", "Molina", "Peña", "Cortés", "Ramos", "Guerrero", "Mora", "Delgado",
        "Pinto", "Salazar", "Quintero", "Cabrera", "Ferreira", "Duarte", "Miranda", "Acosta", "Benítez", "Figueroa", "Paredes", "Ríos",
        "Sousa", "Valencia", "Zapata", "Bravo", "Correa", "Montoya", "Lopes", "Tavares",
    ]
    static let firmWords = [
        "Alfa", "Beta", "Gama", "Delta", "Sigma", "Omega", "Andes", "Atlas", "Aurora", "Boreal", "Condor", "Cumbre", "Horizonte", "Litoral",
        "Meridiano", "Norte", "Oceano", "Pampa", "Pinheiro", "Planalto", "Rio", "Serra", "Sol", "Sur", "Terra", "Vale", "Vertice", "Zenit",
        "Central", "Nacional", "Imperial", "Progreso", "Unión", "Victoria", "Patria", "Capital", "Costa", "Monte", "Puente", "Faro",
        "Aliança", "Ámbar", "Brisa", "Cedro", "Cristal", "Estrela", "Fénix", "Granito", "Jaguar", "Laurel", "Magna", "Nevada", "Olivo",
        "Paraná", "Quetzal", "Roble", "Safira", "Tucán", "Urano", "Volcán",
    ]
    static let firmTrades = [
        "Obras", "Construcciones", "Engenharia", "Servicios", "Suministros", "Ingeniería", "Pavimentos", "Transportes", "Consultores",
        "Tecnologia", "Saneamento", "Medical", "Alimentos", "Logística", "Mantenimiento", "Edificaciones", "Infraestructura", "Comercial",
        "Distribuidora", "Soluciones",
    ]
    static let holdingWords = ["Holding", "Inversiones", "Participações", "Capital", "Investimentos", "Corporación"]
    static let firmSuffixes = ["S.A.", "Ltda.", "S.A.S.", "EIRELI", "S.R.L.", "& Cia.", "S.A. de C.V.", "Ltda. ME"]
    static let streets = [
        "Rua das Flores", "Av. Paulista", "Calle Mayor", "Av. Libertador", "Rua Augusta", "Calle 10", "Av. Central", "Rua do Comércio",
        "Av. Brasil", "Calle Bolívar", "Rua XV de Novembro", "Av. Independencia", "Calle Sucre", "Rua Direita", "Av. Atlântica",
        "Calle Real", "Av. San Martín", "Rua da Paz", "Calle Colón", "Av. Amazonas", "Rua Sete de Setembro", "Calle Morelos",
        "Av. Rio Branco", "Calle Juárez", "Rua Tiradentes", "Av. Bolivariana", "Calle Hidalgo", "Rua Marechal Deodoro", "Av. Costanera",
        "Calle del Sol", "Rua Bela", "Av. Los Próceres", "Calle Ayacucho", "Rua São Bento", "Av. del Parque", "Calle Junín",
        "Rua Oscar Freire", "Av. Universitaria", "Calle Arenales", "Rua Voluntários da Pátria",
    ]
    static let cityBases = [
        "Riverside", "Puerto Alto", "San Miguel", "Nova Esperança", "Villa Sol", "Campo Verde", "Santa Rita", "Bela Vista", "Ciudad Norte",
        "Porto Claro", "Valle Hermoso", "Monte Azul", "Laguna Seca", "Serra Dourada", "Costa Brava", "Três Rios", "Los Pinos", "Cerro Largo",
        "Águas Claras", "La Esperanza", "Pedra Branca", "San Rafael", "Vila Rica", "Río Claro", "Boa Vista", "Santa Cruz", "Las Palmas",
        "Ponte Nova", "El Carmen", "São Lucas", "Mar Chiquita", "Alto Paraíso", "Puerto Nuevo", "Campo Grande", "Villa Rosa", "Ouro Fino",
        "San Andrés", "Lagoa Santa", "Tierra Blanca", "Barra Mansa",
    ]
    static let citySuffixes = ["", " do Sul", " del Norte", " de Arriba", " Nueva"]
    static let agencyKinds = [
        "Public Works Office", "Health Department", "Education Department", "Roads Department", "Water Utility", "Procurement Office",
        "Hospital Authority", "School Board", "Transport Agency", "Housing Institute", "Sanitation Service", "Energy Agency",
    ]
    static let ministries = [
        "Ministry of Public Works", "Ministry of Health", "Ministry of Education", "Ministry of Transport", "Ministry of Housing",
        "Ministry of Energy", "Ministry of Agriculture", "Ministry of the Interior",
    ]
    static let parties = [
        "Partido Verde", "Unión Cívica", "Movimento Democrático", "Frente Popular", "Partido Liberal", "Aliança Nacional",
        "Partido del Progreso", "Renovação Social",
    ]
    static let municipalOffices = ["mayor", "councillor"]
    static let generalOffices = ["governor", "deputy", "senator"]
    static let positions = ["engineer", "director", "manager", "analyst", "accountant", "technician", "sales representative", "partner", "clerk", "foreman"]
    static let officialPositions = ["procurement officer", "director", "head of purchasing", "tender committee member", "legal adviser"]
    static let relations = ["spouse", "son", "daughter", "brother", "sister", "father", "mother", "cousin", "nephew", "in-law"]
    /// ISIC-like activity codes: construction, supplies, services.
    static let activityCodes = ["4210", "4220", "4290", "4120", "4312", "4321", "4663", "4645", "4772", "4923", "7110", "7112", "8110", "6201", "3600", "8129"]
    static let holdingActivity = "6420"
    /// CPV-like product codes for tenders.
    static let products = ["45233", "45262", "33141", "15511", "90911", "71311", "60112", "30192", "50232", "44112", "45231", "72000"]
    static let methods = ["open", "open", "open", "open", "restricted", "negotiated", "direct"]
    static let sanctioningBodies = ["World Bank", "National Procurement Office", "Comptroller General", "Inter-American Development Bank"]
    static let outcomes = ["plaintiff", "defendant", "settled", "dismissed"]
    static let countries = ["BR", "BR", "BR", "BR", "BR", "BR", "BR", "BR", "AR", "CO", "PE", "UY"]
    static let offshore = ["PA", "VG", "KY", "UY", "BZ"]
}
