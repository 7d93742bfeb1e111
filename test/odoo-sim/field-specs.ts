// Field metadata (string, type, relation, required, readonly, selection, store) copied from the recorded
// fields_get fixtures of a real Odoo 18 (fixtures/fields_get.*.json, fixtures/webhooks/addon-fields_get.json):
// a curated subset of each model. stock.move.line has no recording and follows the Odoo 18 source.
// Regenerate rather than hand-edit when adding fields.
import type { FieldSpec } from './types';

export const FIELD_SPECS: Readonly<Record<string, Readonly<Record<string, FieldSpec>>>> = 
{
  "res.partner": {
    "name": {
      "string": "Name",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "display_name": {
      "string": "Display Name",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": false
    },
    "complete_name": {
      "string": "Complete Name",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": true
    },
    "title": {
      "string": "Title",
      "type": "many2one",
      "relation": "res.partner.title",
      "required": false,
      "readonly": false,
      "store": true
    },
    "parent_id": {
      "string": "Related Company",
      "type": "many2one",
      "relation": "res.partner",
      "required": false,
      "readonly": false,
      "store": true
    },
    "child_ids": {
      "string": "Contact",
      "type": "one2many",
      "relation": "res.partner",
      "required": false,
      "readonly": false,
      "store": true
    },
    "ref": {
      "string": "Reference",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "lang": {
      "string": "Language",
      "type": "selection",
      "required": false,
      "readonly": false,
      "selection": [
        [
          "en_US",
          "English (US)"
        ]
      ],
      "store": true
    },
    "tz": {
      "string": "Timezone",
      "type": "selection",
      "required": false,
      "readonly": false,
      "selection": [
        [
          "Africa/Abidjan",
          "Africa/Abidjan"
        ],
        [
          "Africa/Accra",
          "Africa/Accra"
        ],
        [
          "Africa/Addis_Ababa",
          "Africa/Addis_Ababa"
        ],
        [
          "Africa/Algiers",
          "Africa/Algiers"
        ],
        [
          "Africa/Asmara",
          "Africa/Asmara"
        ],
        [
          "Africa/Asmera",
          "Africa/Asmera"
        ],
        [
          "Africa/Bamako",
          "Africa/Bamako"
        ],
        [
          "Africa/Bangui",
          "Africa/Bangui"
        ],
        [
          "Africa/Banjul",
          "Africa/Banjul"
        ],
        [
          "Africa/Bissau",
          "Africa/Bissau"
        ],
        [
          "Africa/Blantyre",
          "Africa/Blantyre"
        ],
        [
          "Africa/Brazzaville",
          "Africa/Brazzaville"
        ],
        [
          "Africa/Bujumbura",
          "Africa/Bujumbura"
        ],
        [
          "Africa/Cairo",
          "Africa/Cairo"
        ],
        [
          "Africa/Casablanca",
          "Africa/Casablanca"
        ],
        [
          "Africa/Ceuta",
          "Africa/Ceuta"
        ],
        [
          "Africa/Conakry",
          "Africa/Conakry"
        ],
        [
          "Africa/Dakar",
          "Africa/Dakar"
        ],
        [
          "Africa/Dar_es_Salaam",
          "Africa/Dar_es_Salaam"
        ],
        [
          "Africa/Djibouti",
          "Africa/Djibouti"
        ],
        [
          "Africa/Douala",
          "Africa/Douala"
        ],
        [
          "Africa/El_Aaiun",
          "Africa/El_Aaiun"
        ],
        [
          "Africa/Freetown",
          "Africa/Freetown"
        ],
        [
          "Africa/Gaborone",
          "Africa/Gaborone"
        ],
        [
          "Africa/Harare",
          "Africa/Harare"
        ],
        [
          "Africa/Johannesburg",
          "Africa/Johannesburg"
        ],
        [
          "Africa/Juba",
          "Africa/Juba"
        ],
        [
          "Africa/Kampala",
          "Africa/Kampala"
        ],
        [
          "Africa/Khartoum",
          "Africa/Khartoum"
        ],
        [
          "Africa/Kigali",
          "Africa/Kigali"
        ],
        [
          "Africa/Kinshasa",
          "Africa/Kinshasa"
        ],
        [
          "Africa/Lagos",
          "Africa/Lagos"
        ],
        [
          "Africa/Libreville",
          "Africa/Libreville"
        ],
        [
          "Africa/Lome",
          "Africa/Lome"
        ],
        [
          "Africa/Luanda",
          "Africa/Luanda"
        ],
        [
          "Africa/Lubumbashi",
          "Africa/Lubumbashi"
        ],
        [
          "Africa/Lusaka",
          "Africa/Lusaka"
        ],
        [
          "Africa/Malabo",
          "Africa/Malabo"
        ],
        [
          "Africa/Maputo",
          "Africa/Maputo"
        ],
        [
          "Africa/Maseru",
          "Africa/Maseru"
        ],
        [
          "Africa/Mbabane",
          "Africa/Mbabane"
        ],
        [
          "Africa/Mogadishu",
          "Africa/Mogadishu"
        ],
        [
          "Africa/Monrovia",
          "Africa/Monrovia"
        ],
        [
          "Africa/Nairobi",
          "Africa/Nairobi"
        ],
        [
          "Africa/Ndjamena",
          "Africa/Ndjamena"
        ],
        [
          "Africa/Niamey",
          "Africa/Niamey"
        ],
        [
          "Africa/Nouakchott",
          "Africa/Nouakchott"
        ],
        [
          "Africa/Ouagadougou",
          "Africa/Ouagadougou"
        ],
        [
          "Africa/Porto-Novo",
          "Africa/Porto-Novo"
        ],
        [
          "Africa/Sao_Tome",
          "Africa/Sao_Tome"
        ],
        [
          "Africa/Timbuktu",
          "Africa/Timbuktu"
        ],
        [
          "Africa/Tripoli",
          "Africa/Tripoli"
        ],
        [
          "Africa/Tunis",
          "Africa/Tunis"
        ],
        [
          "Africa/Windhoek",
          "Africa/Windhoek"
        ],
        [
          "America/Adak",
          "America/Adak"
        ],
        [
          "America/Anchorage",
          "America/Anchorage"
        ],
        [
          "America/Anguilla",
          "America/Anguilla"
        ],
        [
          "America/Antigua",
          "America/Antigua"
        ],
        [
          "America/Araguaina",
          "America/Araguaina"
        ],
        [
          "America/Argentina/Buenos_Aires",
          "America/Argentina/Buenos_Aires"
        ],
        [
          "America/Argentina/Catamarca",
          "America/Argentina/Catamarca"
        ],
        [
          "America/Argentina/ComodRivadavia",
          "America/Argentina/ComodRivadavia"
        ],
        [
          "America/Argentina/Cordoba",
          "America/Argentina/Cordoba"
        ],
        [
          "America/Argentina/Jujuy",
          "America/Argentina/Jujuy"
        ],
        [
          "America/Argentina/La_Rioja",
          "America/Argentina/La_Rioja"
        ],
        [
          "America/Argentina/Mendoza",
          "America/Argentina/Mendoza"
        ],
        [
          "America/Argentina/Rio_Gallegos",
          "America/Argentina/Rio_Gallegos"
        ],
        [
          "America/Argentina/Salta",
          "America/Argentina/Salta"
        ],
        [
          "America/Argentina/San_Juan",
          "America/Argentina/San_Juan"
        ],
        [
          "America/Argentina/San_Luis",
          "America/Argentina/San_Luis"
        ],
        [
          "America/Argentina/Tucuman",
          "America/Argentina/Tucuman"
        ],
        [
          "America/Argentina/Ushuaia",
          "America/Argentina/Ushuaia"
        ],
        [
          "America/Aruba",
          "America/Aruba"
        ],
        [
          "America/Asuncion",
          "America/Asuncion"
        ],
        [
          "America/Atikokan",
          "America/Atikokan"
        ],
        [
          "America/Atka",
          "America/Atka"
        ],
        [
          "America/Bahia",
          "America/Bahia"
        ],
        [
          "America/Bahia_Banderas",
          "America/Bahia_Banderas"
        ],
        [
          "America/Barbados",
          "America/Barbados"
        ],
        [
          "America/Belem",
          "America/Belem"
        ],
        [
          "America/Belize",
          "America/Belize"
        ],
        [
          "America/Blanc-Sablon",
          "America/Blanc-Sablon"
        ],
        [
          "America/Boa_Vista",
          "America/Boa_Vista"
        ],
        [
          "America/Bogota",
          "America/Bogota"
        ],
        [
          "America/Boise",
          "America/Boise"
        ],
        [
          "America/Buenos_Aires",
          "America/Buenos_Aires"
        ],
        [
          "America/Cambridge_Bay",
          "America/Cambridge_Bay"
        ],
        [
          "America/Campo_Grande",
          "America/Campo_Grande"
        ],
        [
          "America/Cancun",
          "America/Cancun"
        ],
        [
          "America/Caracas",
          "America/Caracas"
        ],
        [
          "America/Catamarca",
          "America/Catamarca"
        ],
        [
          "America/Cayenne",
          "America/Cayenne"
        ],
        [
          "America/Cayman",
          "America/Cayman"
        ],
        [
          "America/Chicago",
          "America/Chicago"
        ],
        [
          "America/Chihuahua",
          "America/Chihuahua"
        ],
        [
          "America/Ciudad_Juarez",
          "America/Ciudad_Juarez"
        ],
        [
          "America/Coral_Harbour",
          "America/Coral_Harbour"
        ],
        [
          "America/Cordoba",
          "America/Cordoba"
        ],
        [
          "America/Costa_Rica",
          "America/Costa_Rica"
        ],
        [
          "America/Coyhaique",
          "America/Coyhaique"
        ],
        [
          "America/Creston",
          "America/Creston"
        ],
        [
          "America/Cuiaba",
          "America/Cuiaba"
        ],
        [
          "America/Curacao",
          "America/Curacao"
        ],
        [
          "America/Danmarkshavn",
          "America/Danmarkshavn"
        ],
        [
          "America/Dawson",
          "America/Dawson"
        ],
        [
          "America/Dawson_Creek",
          "America/Dawson_Creek"
        ],
        [
          "America/Denver",
          "America/Denver"
        ],
        [
          "America/Detroit",
          "America/Detroit"
        ],
        [
          "America/Dominica",
          "America/Dominica"
        ],
        [
          "America/Edmonton",
          "America/Edmonton"
        ],
        [
          "America/Eirunepe",
          "America/Eirunepe"
        ],
        [
          "America/El_Salvador",
          "America/El_Salvador"
        ],
        [
          "America/Ensenada",
          "America/Ensenada"
        ],
        [
          "America/Fort_Nelson",
          "America/Fort_Nelson"
        ],
        [
          "America/Fort_Wayne",
          "America/Fort_Wayne"
        ],
        [
          "America/Fortaleza",
          "America/Fortaleza"
        ],
        [
          "America/Glace_Bay",
          "America/Glace_Bay"
        ],
        [
          "America/Godthab",
          "America/Godthab"
        ],
        [
          "America/Goose_Bay",
          "America/Goose_Bay"
        ],
        [
          "America/Grand_Turk",
          "America/Grand_Turk"
        ],
        [
          "America/Grenada",
          "America/Grenada"
        ],
        [
          "America/Guadeloupe",
          "America/Guadeloupe"
        ],
        [
          "America/Guatemala",
          "America/Guatemala"
        ],
        [
          "America/Guayaquil",
          "America/Guayaquil"
        ],
        [
          "America/Guyana",
          "America/Guyana"
        ],
        [
          "America/Halifax",
          "America/Halifax"
        ],
        [
          "America/Havana",
          "America/Havana"
        ],
        [
          "America/Hermosillo",
          "America/Hermosillo"
        ],
        [
          "America/Indiana/Indianapolis",
          "America/Indiana/Indianapolis"
        ],
        [
          "America/Indiana/Knox",
          "America/Indiana/Knox"
        ],
        [
          "America/Indiana/Marengo",
          "America/Indiana/Marengo"
        ],
        [
          "America/Indiana/Petersburg",
          "America/Indiana/Petersburg"
        ],
        [
          "America/Indiana/Tell_City",
          "America/Indiana/Tell_City"
        ],
        [
          "America/Indiana/Vevay",
          "America/Indiana/Vevay"
        ],
        [
          "America/Indiana/Vincennes",
          "America/Indiana/Vincennes"
        ],
        [
          "America/Indiana/Winamac",
          "America/Indiana/Winamac"
        ],
        [
          "America/Indianapolis",
          "America/Indianapolis"
        ],
        [
          "America/Inuvik",
          "America/Inuvik"
        ],
        [
          "America/Iqaluit",
          "America/Iqaluit"
        ],
        [
          "America/Jamaica",
          "America/Jamaica"
        ],
        [
          "America/Jujuy",
          "America/Jujuy"
        ],
        [
          "America/Juneau",
          "America/Juneau"
        ],
        [
          "America/Kentucky/Louisville",
          "America/Kentucky/Louisville"
        ],
        [
          "America/Kentucky/Monticello",
          "America/Kentucky/Monticello"
        ],
        [
          "America/Knox_IN",
          "America/Knox_IN"
        ],
        [
          "America/Kralendijk",
          "America/Kralendijk"
        ],
        [
          "America/La_Paz",
          "America/La_Paz"
        ],
        [
          "America/Lima",
          "America/Lima"
        ],
        [
          "America/Los_Angeles",
          "America/Los_Angeles"
        ],
        [
          "America/Louisville",
          "America/Louisville"
        ],
        [
          "America/Lower_Princes",
          "America/Lower_Princes"
        ],
        [
          "America/Maceio",
          "America/Maceio"
        ],
        [
          "America/Managua",
          "America/Managua"
        ],
        [
          "America/Manaus",
          "America/Manaus"
        ],
        [
          "America/Marigot",
          "America/Marigot"
        ],
        [
          "America/Martinique",
          "America/Martinique"
        ],
        [
          "America/Matamoros",
          "America/Matamoros"
        ],
        [
          "America/Mazatlan",
          "America/Mazatlan"
        ],
        [
          "America/Mendoza",
          "America/Mendoza"
        ],
        [
          "America/Menominee",
          "America/Menominee"
        ],
        [
          "America/Merida",
          "America/Merida"
        ],
        [
          "America/Metlakatla",
          "America/Metlakatla"
        ],
        [
          "America/Mexico_City",
          "America/Mexico_City"
        ],
        [
          "America/Miquelon",
          "America/Miquelon"
        ],
        [
          "America/Moncton",
          "America/Moncton"
        ],
        [
          "America/Monterrey",
          "America/Monterrey"
        ],
        [
          "America/Montevideo",
          "America/Montevideo"
        ],
        [
          "America/Montreal",
          "America/Montreal"
        ],
        [
          "America/Montserrat",
          "America/Montserrat"
        ],
        [
          "America/Nassau",
          "America/Nassau"
        ],
        [
          "America/New_York",
          "America/New_York"
        ],
        [
          "America/Nipigon",
          "America/Nipigon"
        ],
        [
          "America/Nome",
          "America/Nome"
        ],
        [
          "America/Noronha",
          "America/Noronha"
        ],
        [
          "America/North_Dakota/Beulah",
          "America/North_Dakota/Beulah"
        ],
        [
          "America/North_Dakota/Center",
          "America/North_Dakota/Center"
        ],
        [
          "America/North_Dakota/New_Salem",
          "America/North_Dakota/New_Salem"
        ],
        [
          "America/Nuuk",
          "America/Nuuk"
        ],
        [
          "America/Ojinaga",
          "America/Ojinaga"
        ],
        [
          "America/Panama",
          "America/Panama"
        ],
        [
          "America/Pangnirtung",
          "America/Pangnirtung"
        ],
        [
          "America/Paramaribo",
          "America/Paramaribo"
        ],
        [
          "America/Phoenix",
          "America/Phoenix"
        ],
        [
          "America/Port-au-Prince",
          "America/Port-au-Prince"
        ],
        [
          "America/Port_of_Spain",
          "America/Port_of_Spain"
        ],
        [
          "America/Porto_Acre",
          "America/Porto_Acre"
        ],
        [
          "America/Porto_Velho",
          "America/Porto_Velho"
        ],
        [
          "America/Puerto_Rico",
          "America/Puerto_Rico"
        ],
        [
          "America/Punta_Arenas",
          "America/Punta_Arenas"
        ],
        [
          "America/Rainy_River",
          "America/Rainy_River"
        ],
        [
          "America/Rankin_Inlet",
          "America/Rankin_Inlet"
        ],
        [
          "America/Recife",
          "America/Recife"
        ],
        [
          "America/Regina",
          "America/Regina"
        ],
        [
          "America/Resolute",
          "America/Resolute"
        ],
        [
          "America/Rio_Branco",
          "America/Rio_Branco"
        ],
        [
          "America/Rosario",
          "America/Rosario"
        ],
        [
          "America/Santa_Isabel",
          "America/Santa_Isabel"
        ],
        [
          "America/Santarem",
          "America/Santarem"
        ],
        [
          "America/Santiago",
          "America/Santiago"
        ],
        [
          "America/Santo_Domingo",
          "America/Santo_Domingo"
        ],
        [
          "America/Sao_Paulo",
          "America/Sao_Paulo"
        ],
        [
          "America/Scoresbysund",
          "America/Scoresbysund"
        ],
        [
          "America/Shiprock",
          "America/Shiprock"
        ],
        [
          "America/Sitka",
          "America/Sitka"
        ],
        [
          "America/St_Barthelemy",
          "America/St_Barthelemy"
        ],
        [
          "America/St_Johns",
          "America/St_Johns"
        ],
        [
          "America/St_Kitts",
          "America/St_Kitts"
        ],
        [
          "America/St_Lucia",
          "America/St_Lucia"
        ],
        [
          "America/St_Thomas",
          "America/St_Thomas"
        ],
        [
          "America/St_Vincent",
          "America/St_Vincent"
        ],
        [
          "America/Swift_Current",
          "America/Swift_Current"
        ],
        [
          "America/Tegucigalpa",
          "America/Tegucigalpa"
        ],
        [
          "America/Thule",
          "America/Thule"
        ],
        [
          "America/Thunder_Bay",
          "America/Thunder_Bay"
        ],
        [
          "America/Tijuana",
          "America/Tijuana"
        ],
        [
          "America/Toronto",
          "America/Toronto"
        ],
        [
          "America/Tortola",
          "America/Tortola"
        ],
        [
          "America/Vancouver",
          "America/Vancouver"
        ],
        [
          "America/Virgin",
          "America/Virgin"
        ],
        [
          "America/Whitehorse",
          "America/Whitehorse"
        ],
        [
          "America/Winnipeg",
          "America/Winnipeg"
        ],
        [
          "America/Yakutat",
          "America/Yakutat"
        ],
        [
          "America/Yellowknife",
          "America/Yellowknife"
        ],
        [
          "Antarctica/Casey",
          "Antarctica/Casey"
        ],
        [
          "Antarctica/Davis",
          "Antarctica/Davis"
        ],
        [
          "Antarctica/DumontDUrville",
          "Antarctica/DumontDUrville"
        ],
        [
          "Antarctica/Macquarie",
          "Antarctica/Macquarie"
        ],
        [
          "Antarctica/Mawson",
          "Antarctica/Mawson"
        ],
        [
          "Antarctica/McMurdo",
          "Antarctica/McMurdo"
        ],
        [
          "Antarctica/Palmer",
          "Antarctica/Palmer"
        ],
        [
          "Antarctica/Rothera",
          "Antarctica/Rothera"
        ],
        [
          "Antarctica/South_Pole",
          "Antarctica/South_Pole"
        ],
        [
          "Antarctica/Syowa",
          "Antarctica/Syowa"
        ],
        [
          "Antarctica/Troll",
          "Antarctica/Troll"
        ],
        [
          "Antarctica/Vostok",
          "Antarctica/Vostok"
        ],
        [
          "Arctic/Longyearbyen",
          "Arctic/Longyearbyen"
        ],
        [
          "Asia/Aden",
          "Asia/Aden"
        ],
        [
          "Asia/Almaty",
          "Asia/Almaty"
        ],
        [
          "Asia/Amman",
          "Asia/Amman"
        ],
        [
          "Asia/Anadyr",
          "Asia/Anadyr"
        ],
        [
          "Asia/Aqtau",
          "Asia/Aqtau"
        ],
        [
          "Asia/Aqtobe",
          "Asia/Aqtobe"
        ],
        [
          "Asia/Ashgabat",
          "Asia/Ashgabat"
        ],
        [
          "Asia/Ashkhabad",
          "Asia/Ashkhabad"
        ],
        [
          "Asia/Atyrau",
          "Asia/Atyrau"
        ],
        [
          "Asia/Baghdad",
          "Asia/Baghdad"
        ],
        [
          "Asia/Bahrain",
          "Asia/Bahrain"
        ],
        [
          "Asia/Baku",
          "Asia/Baku"
        ],
        [
          "Asia/Bangkok",
          "Asia/Bangkok"
        ],
        [
          "Asia/Barnaul",
          "Asia/Barnaul"
        ],
        [
          "Asia/Beirut",
          "Asia/Beirut"
        ],
        [
          "Asia/Bishkek",
          "Asia/Bishkek"
        ],
        [
          "Asia/Brunei",
          "Asia/Brunei"
        ],
        [
          "Asia/Calcutta",
          "Asia/Calcutta"
        ],
        [
          "Asia/Chita",
          "Asia/Chita"
        ],
        [
          "Asia/Choibalsan",
          "Asia/Choibalsan"
        ],
        [
          "Asia/Chongqing",
          "Asia/Chongqing"
        ],
        [
          "Asia/Chungking",
          "Asia/Chungking"
        ],
        [
          "Asia/Colombo",
          "Asia/Colombo"
        ],
        [
          "Asia/Dacca",
          "Asia/Dacca"
        ],
        [
          "Asia/Damascus",
          "Asia/Damascus"
        ],
        [
          "Asia/Dhaka",
          "Asia/Dhaka"
        ],
        [
          "Asia/Dili",
          "Asia/Dili"
        ],
        [
          "Asia/Dubai",
          "Asia/Dubai"
        ],
        [
          "Asia/Dushanbe",
          "Asia/Dushanbe"
        ],
        [
          "Asia/Famagusta",
          "Asia/Famagusta"
        ],
        [
          "Asia/Gaza",
          "Asia/Gaza"
        ],
        [
          "Asia/Harbin",
          "Asia/Harbin"
        ],
        [
          "Asia/Hebron",
          "Asia/Hebron"
        ],
        [
          "Asia/Ho_Chi_Minh",
          "Asia/Ho_Chi_Minh"
        ],
        [
          "Asia/Hong_Kong",
          "Asia/Hong_Kong"
        ],
        [
          "Asia/Hovd",
          "Asia/Hovd"
        ],
        [
          "Asia/Irkutsk",
          "Asia/Irkutsk"
        ],
        [
          "Asia/Istanbul",
          "Asia/Istanbul"
        ],
        [
          "Asia/Jakarta",
          "Asia/Jakarta"
        ],
        [
          "Asia/Jayapura",
          "Asia/Jayapura"
        ],
        [
          "Asia/Jerusalem",
          "Asia/Jerusalem"
        ],
        [
          "Asia/Kabul",
          "Asia/Kabul"
        ],
        [
          "Asia/Kamchatka",
          "Asia/Kamchatka"
        ],
        [
          "Asia/Karachi",
          "Asia/Karachi"
        ],
        [
          "Asia/Kashgar",
          "Asia/Kashgar"
        ],
        [
          "Asia/Kathmandu",
          "Asia/Kathmandu"
        ],
        [
          "Asia/Katmandu",
          "Asia/Katmandu"
        ],
        [
          "Asia/Khandyga",
          "Asia/Khandyga"
        ],
        [
          "Asia/Kolkata",
          "Asia/Kolkata"
        ],
        [
          "Asia/Krasnoyarsk",
          "Asia/Krasnoyarsk"
        ],
        [
          "Asia/Kuala_Lumpur",
          "Asia/Kuala_Lumpur"
        ],
        [
          "Asia/Kuching",
          "Asia/Kuching"
        ],
        [
          "Asia/Kuwait",
          "Asia/Kuwait"
        ],
        [
          "Asia/Macao",
          "Asia/Macao"
        ],
        [
          "Asia/Macau",
          "Asia/Macau"
        ],
        [
          "Asia/Magadan",
          "Asia/Magadan"
        ],
        [
          "Asia/Makassar",
          "Asia/Makassar"
        ],
        [
          "Asia/Manila",
          "Asia/Manila"
        ],
        [
          "Asia/Muscat",
          "Asia/Muscat"
        ],
        [
          "Asia/Nicosia",
          "Asia/Nicosia"
        ],
        [
          "Asia/Novokuznetsk",
          "Asia/Novokuznetsk"
        ],
        [
          "Asia/Novosibirsk",
          "Asia/Novosibirsk"
        ],
        [
          "Asia/Omsk",
          "Asia/Omsk"
        ],
        [
          "Asia/Oral",
          "Asia/Oral"
        ],
        [
          "Asia/Phnom_Penh",
          "Asia/Phnom_Penh"
        ],
        [
          "Asia/Pontianak",
          "Asia/Pontianak"
        ],
        [
          "Asia/Pyongyang",
          "Asia/Pyongyang"
        ],
        [
          "Asia/Qatar",
          "Asia/Qatar"
        ],
        [
          "Asia/Qostanay",
          "Asia/Qostanay"
        ],
        [
          "Asia/Qyzylorda",
          "Asia/Qyzylorda"
        ],
        [
          "Asia/Rangoon",
          "Asia/Rangoon"
        ],
        [
          "Asia/Riyadh",
          "Asia/Riyadh"
        ],
        [
          "Asia/Saigon",
          "Asia/Saigon"
        ],
        [
          "Asia/Sakhalin",
          "Asia/Sakhalin"
        ],
        [
          "Asia/Samarkand",
          "Asia/Samarkand"
        ],
        [
          "Asia/Seoul",
          "Asia/Seoul"
        ],
        [
          "Asia/Shanghai",
          "Asia/Shanghai"
        ],
        [
          "Asia/Singapore",
          "Asia/Singapore"
        ],
        [
          "Asia/Srednekolymsk",
          "Asia/Srednekolymsk"
        ],
        [
          "Asia/Taipei",
          "Asia/Taipei"
        ],
        [
          "Asia/Tashkent",
          "Asia/Tashkent"
        ],
        [
          "Asia/Tbilisi",
          "Asia/Tbilisi"
        ],
        [
          "Asia/Tehran",
          "Asia/Tehran"
        ],
        [
          "Asia/Tel_Aviv",
          "Asia/Tel_Aviv"
        ],
        [
          "Asia/Thimbu",
          "Asia/Thimbu"
        ],
        [
          "Asia/Thimphu",
          "Asia/Thimphu"
        ],
        [
          "Asia/Tokyo",
          "Asia/Tokyo"
        ],
        [
          "Asia/Tomsk",
          "Asia/Tomsk"
        ],
        [
          "Asia/Ujung_Pandang",
          "Asia/Ujung_Pandang"
        ],
        [
          "Asia/Ulaanbaatar",
          "Asia/Ulaanbaatar"
        ],
        [
          "Asia/Ulan_Bator",
          "Asia/Ulan_Bator"
        ],
        [
          "Asia/Urumqi",
          "Asia/Urumqi"
        ],
        [
          "Asia/Ust-Nera",
          "Asia/Ust-Nera"
        ],
        [
          "Asia/Vientiane",
          "Asia/Vientiane"
        ],
        [
          "Asia/Vladivostok",
          "Asia/Vladivostok"
        ],
        [
          "Asia/Yakutsk",
          "Asia/Yakutsk"
        ],
        [
          "Asia/Yangon",
          "Asia/Yangon"
        ],
        [
          "Asia/Yekaterinburg",
          "Asia/Yekaterinburg"
        ],
        [
          "Asia/Yerevan",
          "Asia/Yerevan"
        ],
        [
          "Atlantic/Azores",
          "Atlantic/Azores"
        ],
        [
          "Atlantic/Bermuda",
          "Atlantic/Bermuda"
        ],
        [
          "Atlantic/Canary",
          "Atlantic/Canary"
        ],
        [
          "Atlantic/Cape_Verde",
          "Atlantic/Cape_Verde"
        ],
        [
          "Atlantic/Faeroe",
          "Atlantic/Faeroe"
        ],
        [
          "Atlantic/Faroe",
          "Atlantic/Faroe"
        ],
        [
          "Atlantic/Jan_Mayen",
          "Atlantic/Jan_Mayen"
        ],
        [
          "Atlantic/Madeira",
          "Atlantic/Madeira"
        ],
        [
          "Atlantic/Reykjavik",
          "Atlantic/Reykjavik"
        ],
        [
          "Atlantic/South_Georgia",
          "Atlantic/South_Georgia"
        ],
        [
          "Atlantic/St_Helena",
          "Atlantic/St_Helena"
        ],
        [
          "Atlantic/Stanley",
          "Atlantic/Stanley"
        ],
        [
          "Australia/ACT",
          "Australia/ACT"
        ],
        [
          "Australia/Adelaide",
          "Australia/Adelaide"
        ],
        [
          "Australia/Brisbane",
          "Australia/Brisbane"
        ],
        [
          "Australia/Broken_Hill",
          "Australia/Broken_Hill"
        ],
        [
          "Australia/Canberra",
          "Australia/Canberra"
        ],
        [
          "Australia/Currie",
          "Australia/Currie"
        ],
        [
          "Australia/Darwin",
          "Australia/Darwin"
        ],
        [
          "Australia/Eucla",
          "Australia/Eucla"
        ],
        [
          "Australia/Hobart",
          "Australia/Hobart"
        ],
        [
          "Australia/LHI",
          "Australia/LHI"
        ],
        [
          "Australia/Lindeman",
          "Australia/Lindeman"
        ],
        [
          "Australia/Lord_Howe",
          "Australia/Lord_Howe"
        ],
        [
          "Australia/Melbourne",
          "Australia/Melbourne"
        ],
        [
          "Australia/NSW",
          "Australia/NSW"
        ],
        [
          "Australia/North",
          "Australia/North"
        ],
        [
          "Australia/Perth",
          "Australia/Perth"
        ],
        [
          "Australia/Queensland",
          "Australia/Queensland"
        ],
        [
          "Australia/South",
          "Australia/South"
        ],
        [
          "Australia/Sydney",
          "Australia/Sydney"
        ],
        [
          "Australia/Tasmania",
          "Australia/Tasmania"
        ],
        [
          "Australia/Victoria",
          "Australia/Victoria"
        ],
        [
          "Australia/West",
          "Australia/West"
        ],
        [
          "Australia/Yancowinna",
          "Australia/Yancowinna"
        ],
        [
          "Brazil/Acre",
          "Brazil/Acre"
        ],
        [
          "Brazil/DeNoronha",
          "Brazil/DeNoronha"
        ],
        [
          "Brazil/East",
          "Brazil/East"
        ],
        [
          "Brazil/West",
          "Brazil/West"
        ],
        [
          "CET",
          "CET"
        ],
        [
          "CST6CDT",
          "CST6CDT"
        ],
        [
          "Canada/Atlantic",
          "Canada/Atlantic"
        ],
        [
          "Canada/Central",
          "Canada/Central"
        ],
        [
          "Canada/Eastern",
          "Canada/Eastern"
        ],
        [
          "Canada/Mountain",
          "Canada/Mountain"
        ],
        [
          "Canada/Newfoundland",
          "Canada/Newfoundland"
        ],
        [
          "Canada/Pacific",
          "Canada/Pacific"
        ],
        [
          "Canada/Saskatchewan",
          "Canada/Saskatchewan"
        ],
        [
          "Canada/Yukon",
          "Canada/Yukon"
        ],
        [
          "Chile/Continental",
          "Chile/Continental"
        ],
        [
          "Chile/EasterIsland",
          "Chile/EasterIsland"
        ],
        [
          "Cuba",
          "Cuba"
        ],
        [
          "EET",
          "EET"
        ],
        [
          "EST",
          "EST"
        ],
        [
          "EST5EDT",
          "EST5EDT"
        ],
        [
          "Egypt",
          "Egypt"
        ],
        [
          "Eire",
          "Eire"
        ],
        [
          "Europe/Amsterdam",
          "Europe/Amsterdam"
        ],
        [
          "Europe/Andorra",
          "Europe/Andorra"
        ],
        [
          "Europe/Astrakhan",
          "Europe/Astrakhan"
        ],
        [
          "Europe/Athens",
          "Europe/Athens"
        ],
        [
          "Europe/Belfast",
          "Europe/Belfast"
        ],
        [
          "Europe/Belgrade",
          "Europe/Belgrade"
        ],
        [
          "Europe/Berlin",
          "Europe/Berlin"
        ],
        [
          "Europe/Bratislava",
          "Europe/Bratislava"
        ],
        [
          "Europe/Brussels",
          "Europe/Brussels"
        ],
        [
          "Europe/Bucharest",
          "Europe/Bucharest"
        ],
        [
          "Europe/Budapest",
          "Europe/Budapest"
        ],
        [
          "Europe/Busingen",
          "Europe/Busingen"
        ],
        [
          "Europe/Chisinau",
          "Europe/Chisinau"
        ],
        [
          "Europe/Copenhagen",
          "Europe/Copenhagen"
        ],
        [
          "Europe/Dublin",
          "Europe/Dublin"
        ],
        [
          "Europe/Gibraltar",
          "Europe/Gibraltar"
        ],
        [
          "Europe/Guernsey",
          "Europe/Guernsey"
        ],
        [
          "Europe/Helsinki",
          "Europe/Helsinki"
        ],
        [
          "Europe/Isle_of_Man",
          "Europe/Isle_of_Man"
        ],
        [
          "Europe/Istanbul",
          "Europe/Istanbul"
        ],
        [
          "Europe/Jersey",
          "Europe/Jersey"
        ],
        [
          "Europe/Kaliningrad",
          "Europe/Kaliningrad"
        ],
        [
          "Europe/Kiev",
          "Europe/Kiev"
        ],
        [
          "Europe/Kirov",
          "Europe/Kirov"
        ],
        [
          "Europe/Kyiv",
          "Europe/Kyiv"
        ],
        [
          "Europe/Lisbon",
          "Europe/Lisbon"
        ],
        [
          "Europe/Ljubljana",
          "Europe/Ljubljana"
        ],
        [
          "Europe/London",
          "Europe/London"
        ],
        [
          "Europe/Luxembourg",
          "Europe/Luxembourg"
        ],
        [
          "Europe/Madrid",
          "Europe/Madrid"
        ],
        [
          "Europe/Malta",
          "Europe/Malta"
        ],
        [
          "Europe/Mariehamn",
          "Europe/Mariehamn"
        ],
        [
          "Europe/Minsk",
          "Europe/Minsk"
        ],
        [
          "Europe/Monaco",
          "Europe/Monaco"
        ],
        [
          "Europe/Moscow",
          "Europe/Moscow"
        ],
        [
          "Europe/Nicosia",
          "Europe/Nicosia"
        ],
        [
          "Europe/Oslo",
          "Europe/Oslo"
        ],
        [
          "Europe/Paris",
          "Europe/Paris"
        ],
        [
          "Europe/Podgorica",
          "Europe/Podgorica"
        ],
        [
          "Europe/Prague",
          "Europe/Prague"
        ],
        [
          "Europe/Riga",
          "Europe/Riga"
        ],
        [
          "Europe/Rome",
          "Europe/Rome"
        ],
        [
          "Europe/Samara",
          "Europe/Samara"
        ],
        [
          "Europe/San_Marino",
          "Europe/San_Marino"
        ],
        [
          "Europe/Sarajevo",
          "Europe/Sarajevo"
        ],
        [
          "Europe/Saratov",
          "Europe/Saratov"
        ],
        [
          "Europe/Simferopol",
          "Europe/Simferopol"
        ],
        [
          "Europe/Skopje",
          "Europe/Skopje"
        ],
        [
          "Europe/Sofia",
          "Europe/Sofia"
        ],
        [
          "Europe/Stockholm",
          "Europe/Stockholm"
        ],
        [
          "Europe/Tallinn",
          "Europe/Tallinn"
        ],
        [
          "Europe/Tirane",
          "Europe/Tirane"
        ],
        [
          "Europe/Tiraspol",
          "Europe/Tiraspol"
        ],
        [
          "Europe/Ulyanovsk",
          "Europe/Ulyanovsk"
        ],
        [
          "Europe/Uzhgorod",
          "Europe/Uzhgorod"
        ],
        [
          "Europe/Vaduz",
          "Europe/Vaduz"
        ],
        [
          "Europe/Vatican",
          "Europe/Vatican"
        ],
        [
          "Europe/Vienna",
          "Europe/Vienna"
        ],
        [
          "Europe/Vilnius",
          "Europe/Vilnius"
        ],
        [
          "Europe/Volgograd",
          "Europe/Volgograd"
        ],
        [
          "Europe/Warsaw",
          "Europe/Warsaw"
        ],
        [
          "Europe/Zagreb",
          "Europe/Zagreb"
        ],
        [
          "Europe/Zaporozhye",
          "Europe/Zaporozhye"
        ],
        [
          "Europe/Zurich",
          "Europe/Zurich"
        ],
        [
          "GB",
          "GB"
        ],
        [
          "GB-Eire",
          "GB-Eire"
        ],
        [
          "GMT",
          "GMT"
        ],
        [
          "GMT+0",
          "GMT+0"
        ],
        [
          "GMT-0",
          "GMT-0"
        ],
        [
          "GMT0",
          "GMT0"
        ],
        [
          "Greenwich",
          "Greenwich"
        ],
        [
          "HST",
          "HST"
        ],
        [
          "Hongkong",
          "Hongkong"
        ],
        [
          "Iceland",
          "Iceland"
        ],
        [
          "Indian/Antananarivo",
          "Indian/Antananarivo"
        ],
        [
          "Indian/Chagos",
          "Indian/Chagos"
        ],
        [
          "Indian/Christmas",
          "Indian/Christmas"
        ],
        [
          "Indian/Cocos",
          "Indian/Cocos"
        ],
        [
          "Indian/Comoro",
          "Indian/Comoro"
        ],
        [
          "Indian/Kerguelen",
          "Indian/Kerguelen"
        ],
        [
          "Indian/Mahe",
          "Indian/Mahe"
        ],
        [
          "Indian/Maldives",
          "Indian/Maldives"
        ],
        [
          "Indian/Mauritius",
          "Indian/Mauritius"
        ],
        [
          "Indian/Mayotte",
          "Indian/Mayotte"
        ],
        [
          "Indian/Reunion",
          "Indian/Reunion"
        ],
        [
          "Iran",
          "Iran"
        ],
        [
          "Israel",
          "Israel"
        ],
        [
          "Jamaica",
          "Jamaica"
        ],
        [
          "Japan",
          "Japan"
        ],
        [
          "Kwajalein",
          "Kwajalein"
        ],
        [
          "Libya",
          "Libya"
        ],
        [
          "MET",
          "MET"
        ],
        [
          "MST",
          "MST"
        ],
        [
          "MST7MDT",
          "MST7MDT"
        ],
        [
          "Mexico/BajaNorte",
          "Mexico/BajaNorte"
        ],
        [
          "Mexico/BajaSur",
          "Mexico/BajaSur"
        ],
        [
          "Mexico/General",
          "Mexico/General"
        ],
        [
          "NZ",
          "NZ"
        ],
        [
          "NZ-CHAT",
          "NZ-CHAT"
        ],
        [
          "Navajo",
          "Navajo"
        ],
        [
          "PRC",
          "PRC"
        ],
        [
          "PST8PDT",
          "PST8PDT"
        ],
        [
          "Pacific/Apia",
          "Pacific/Apia"
        ],
        [
          "Pacific/Auckland",
          "Pacific/Auckland"
        ],
        [
          "Pacific/Bougainville",
          "Pacific/Bougainville"
        ],
        [
          "Pacific/Chatham",
          "Pacific/Chatham"
        ],
        [
          "Pacific/Chuuk",
          "Pacific/Chuuk"
        ],
        [
          "Pacific/Easter",
          "Pacific/Easter"
        ],
        [
          "Pacific/Efate",
          "Pacific/Efate"
        ],
        [
          "Pacific/Enderbury",
          "Pacific/Enderbury"
        ],
        [
          "Pacific/Fakaofo",
          "Pacific/Fakaofo"
        ],
        [
          "Pacific/Fiji",
          "Pacific/Fiji"
        ],
        [
          "Pacific/Funafuti",
          "Pacific/Funafuti"
        ],
        [
          "Pacific/Galapagos",
          "Pacific/Galapagos"
        ],
        [
          "Pacific/Gambier",
          "Pacific/Gambier"
        ],
        [
          "Pacific/Guadalcanal",
          "Pacific/Guadalcanal"
        ],
        [
          "Pacific/Guam",
          "Pacific/Guam"
        ],
        [
          "Pacific/Honolulu",
          "Pacific/Honolulu"
        ],
        [
          "Pacific/Johnston",
          "Pacific/Johnston"
        ],
        [
          "Pacific/Kanton",
          "Pacific/Kanton"
        ],
        [
          "Pacific/Kiritimati",
          "Pacific/Kiritimati"
        ],
        [
          "Pacific/Kosrae",
          "Pacific/Kosrae"
        ],
        [
          "Pacific/Kwajalein",
          "Pacific/Kwajalein"
        ],
        [
          "Pacific/Majuro",
          "Pacific/Majuro"
        ],
        [
          "Pacific/Marquesas",
          "Pacific/Marquesas"
        ],
        [
          "Pacific/Midway",
          "Pacific/Midway"
        ],
        [
          "Pacific/Nauru",
          "Pacific/Nauru"
        ],
        [
          "Pacific/Niue",
          "Pacific/Niue"
        ],
        [
          "Pacific/Norfolk",
          "Pacific/Norfolk"
        ],
        [
          "Pacific/Noumea",
          "Pacific/Noumea"
        ],
        [
          "Pacific/Pago_Pago",
          "Pacific/Pago_Pago"
        ],
        [
          "Pacific/Palau",
          "Pacific/Palau"
        ],
        [
          "Pacific/Pitcairn",
          "Pacific/Pitcairn"
        ],
        [
          "Pacific/Pohnpei",
          "Pacific/Pohnpei"
        ],
        [
          "Pacific/Ponape",
          "Pacific/Ponape"
        ],
        [
          "Pacific/Port_Moresby",
          "Pacific/Port_Moresby"
        ],
        [
          "Pacific/Rarotonga",
          "Pacific/Rarotonga"
        ],
        [
          "Pacific/Saipan",
          "Pacific/Saipan"
        ],
        [
          "Pacific/Samoa",
          "Pacific/Samoa"
        ],
        [
          "Pacific/Tahiti",
          "Pacific/Tahiti"
        ],
        [
          "Pacific/Tarawa",
          "Pacific/Tarawa"
        ],
        [
          "Pacific/Tongatapu",
          "Pacific/Tongatapu"
        ],
        [
          "Pacific/Truk",
          "Pacific/Truk"
        ],
        [
          "Pacific/Wake",
          "Pacific/Wake"
        ],
        [
          "Pacific/Wallis",
          "Pacific/Wallis"
        ],
        [
          "Pacific/Yap",
          "Pacific/Yap"
        ],
        [
          "Poland",
          "Poland"
        ],
        [
          "Portugal",
          "Portugal"
        ],
        [
          "ROC",
          "ROC"
        ],
        [
          "ROK",
          "ROK"
        ],
        [
          "Singapore",
          "Singapore"
        ],
        [
          "Turkey",
          "Turkey"
        ],
        [
          "UCT",
          "UCT"
        ],
        [
          "US/Alaska",
          "US/Alaska"
        ],
        [
          "US/Aleutian",
          "US/Aleutian"
        ],
        [
          "US/Arizona",
          "US/Arizona"
        ],
        [
          "US/Central",
          "US/Central"
        ],
        [
          "US/East-Indiana",
          "US/East-Indiana"
        ],
        [
          "US/Eastern",
          "US/Eastern"
        ],
        [
          "US/Hawaii",
          "US/Hawaii"
        ],
        [
          "US/Indiana-Starke",
          "US/Indiana-Starke"
        ],
        [
          "US/Michigan",
          "US/Michigan"
        ],
        [
          "US/Mountain",
          "US/Mountain"
        ],
        [
          "US/Pacific",
          "US/Pacific"
        ],
        [
          "US/Samoa",
          "US/Samoa"
        ],
        [
          "UTC",
          "UTC"
        ],
        [
          "Universal",
          "Universal"
        ],
        [
          "W-SU",
          "W-SU"
        ],
        [
          "WET",
          "WET"
        ],
        [
          "Zulu",
          "Zulu"
        ],
        [
          "Etc/GMT",
          "Etc/GMT"
        ],
        [
          "Etc/GMT+0",
          "Etc/GMT+0"
        ],
        [
          "Etc/GMT+1",
          "Etc/GMT+1"
        ],
        [
          "Etc/GMT+10",
          "Etc/GMT+10"
        ],
        [
          "Etc/GMT+11",
          "Etc/GMT+11"
        ],
        [
          "Etc/GMT+12",
          "Etc/GMT+12"
        ],
        [
          "Etc/GMT+2",
          "Etc/GMT+2"
        ],
        [
          "Etc/GMT+3",
          "Etc/GMT+3"
        ],
        [
          "Etc/GMT+4",
          "Etc/GMT+4"
        ],
        [
          "Etc/GMT+5",
          "Etc/GMT+5"
        ],
        [
          "Etc/GMT+6",
          "Etc/GMT+6"
        ],
        [
          "Etc/GMT+7",
          "Etc/GMT+7"
        ],
        [
          "Etc/GMT+8",
          "Etc/GMT+8"
        ],
        [
          "Etc/GMT+9",
          "Etc/GMT+9"
        ],
        [
          "Etc/GMT-0",
          "Etc/GMT-0"
        ],
        [
          "Etc/GMT-1",
          "Etc/GMT-1"
        ],
        [
          "Etc/GMT-10",
          "Etc/GMT-10"
        ],
        [
          "Etc/GMT-11",
          "Etc/GMT-11"
        ],
        [
          "Etc/GMT-12",
          "Etc/GMT-12"
        ],
        [
          "Etc/GMT-13",
          "Etc/GMT-13"
        ],
        [
          "Etc/GMT-14",
          "Etc/GMT-14"
        ],
        [
          "Etc/GMT-2",
          "Etc/GMT-2"
        ],
        [
          "Etc/GMT-3",
          "Etc/GMT-3"
        ],
        [
          "Etc/GMT-4",
          "Etc/GMT-4"
        ],
        [
          "Etc/GMT-5",
          "Etc/GMT-5"
        ],
        [
          "Etc/GMT-6",
          "Etc/GMT-6"
        ],
        [
          "Etc/GMT-7",
          "Etc/GMT-7"
        ],
        [
          "Etc/GMT-8",
          "Etc/GMT-8"
        ],
        [
          "Etc/GMT-9",
          "Etc/GMT-9"
        ],
        [
          "Etc/GMT0",
          "Etc/GMT0"
        ],
        [
          "Etc/Greenwich",
          "Etc/Greenwich"
        ],
        [
          "Etc/UCT",
          "Etc/UCT"
        ],
        [
          "Etc/UTC",
          "Etc/UTC"
        ],
        [
          "Etc/Universal",
          "Etc/Universal"
        ],
        [
          "Etc/Zulu",
          "Etc/Zulu"
        ]
      ],
      "store": true
    },
    "user_id": {
      "string": "Salesperson",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": false,
      "store": true
    },
    "vat": {
      "string": "Tax ID",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "website": {
      "string": "Website Link",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "comment": {
      "string": "Notes",
      "type": "html",
      "required": false,
      "readonly": false,
      "store": true
    },
    "category_id": {
      "string": "Tags",
      "type": "many2many",
      "relation": "res.partner.category",
      "required": false,
      "readonly": false,
      "store": true
    },
    "active": {
      "string": "Active",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": true
    },
    "function": {
      "string": "Job Position",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "type": {
      "string": "Address Type",
      "type": "selection",
      "required": false,
      "readonly": false,
      "selection": [
        [
          "contact",
          "Contact"
        ],
        [
          "invoice",
          "Invoice Address"
        ],
        [
          "delivery",
          "Delivery Address"
        ],
        [
          "other",
          "Other Address"
        ]
      ],
      "store": true
    },
    "street": {
      "string": "Street",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "street2": {
      "string": "Street2",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "zip": {
      "string": "Zip",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "city": {
      "string": "City",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "state_id": {
      "string": "State",
      "type": "many2one",
      "relation": "res.country.state",
      "required": false,
      "readonly": false,
      "store": true
    },
    "country_id": {
      "string": "Country",
      "type": "many2one",
      "relation": "res.country",
      "required": false,
      "readonly": false,
      "store": true
    },
    "email": {
      "string": "Email",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "phone": {
      "string": "Phone",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "mobile": {
      "string": "Mobile",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "is_company": {
      "string": "Is a Company",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": true
    },
    "company_id": {
      "string": "Company",
      "type": "many2one",
      "relation": "res.company",
      "required": false,
      "readonly": false,
      "store": true
    },
    "color": {
      "string": "Color Index",
      "type": "integer",
      "required": false,
      "readonly": false,
      "store": true
    },
    "user_ids": {
      "string": "Users",
      "type": "one2many",
      "relation": "res.users",
      "required": false,
      "readonly": false,
      "store": true
    },
    "commercial_partner_id": {
      "string": "Commercial Entity",
      "type": "many2one",
      "relation": "res.partner",
      "required": false,
      "readonly": true,
      "store": true
    },
    "company_name": {
      "string": "Company Name",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "barcode": {
      "string": "Barcode",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "credit_limit": {
      "string": "Credit Limit",
      "type": "float",
      "required": false,
      "readonly": false,
      "store": true
    },
    "customer_rank": {
      "string": "Customer Rank",
      "type": "integer",
      "required": false,
      "readonly": false,
      "store": true
    },
    "supplier_rank": {
      "string": "Supplier Rank",
      "type": "integer",
      "required": false,
      "readonly": false,
      "store": true
    },
    "sale_order_ids": {
      "string": "Sales Order",
      "type": "one2many",
      "relation": "sale.order",
      "required": false,
      "readonly": false,
      "store": true
    },
    "partner_latitude": {
      "string": "Geo Latitude",
      "type": "float",
      "required": false,
      "readonly": false,
      "store": true
    },
    "partner_longitude": {
      "string": "Geo Longitude",
      "type": "float",
      "required": false,
      "readonly": false,
      "store": true
    },
    "id": {
      "string": "ID",
      "type": "integer",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_uid": {
      "string": "Created by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_date": {
      "string": "Created on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_uid": {
      "string": "Last Updated by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_date": {
      "string": "Last Updated on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    }
  },
  "res.users": {
    "name": {
      "string": "Name",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": false
    },
    "display_name": {
      "string": "Display Name",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": false
    },
    "login": {
      "string": "Login",
      "type": "char",
      "required": true,
      "readonly": false,
      "store": true
    },
    "partner_id": {
      "string": "Related Partner",
      "type": "many2one",
      "relation": "res.partner",
      "required": true,
      "readonly": false,
      "store": true
    },
    "email": {
      "string": "Email",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": false
    },
    "active": {
      "string": "Active",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": true
    },
    "company_id": {
      "string": "Company",
      "type": "many2one",
      "relation": "res.company",
      "required": true,
      "readonly": false,
      "store": true
    },
    "company_ids": {
      "string": "Companies",
      "type": "many2many",
      "relation": "res.company",
      "required": false,
      "readonly": false,
      "store": true
    },
    "groups_id": {
      "string": "Groups",
      "type": "many2many",
      "relation": "res.groups",
      "required": false,
      "readonly": false,
      "store": true
    },
    "share": {
      "string": "Share User",
      "type": "boolean",
      "required": false,
      "readonly": true,
      "store": true
    },
    "signature": {
      "string": "Email Signature",
      "type": "html",
      "required": false,
      "readonly": false,
      "store": true
    },
    "tz": {
      "string": "Timezone",
      "type": "selection",
      "required": false,
      "readonly": false,
      "selection": [
        [
          "Africa/Abidjan",
          "Africa/Abidjan"
        ],
        [
          "Africa/Accra",
          "Africa/Accra"
        ],
        [
          "Africa/Addis_Ababa",
          "Africa/Addis_Ababa"
        ],
        [
          "Africa/Algiers",
          "Africa/Algiers"
        ],
        [
          "Africa/Asmara",
          "Africa/Asmara"
        ],
        [
          "Africa/Asmera",
          "Africa/Asmera"
        ],
        [
          "Africa/Bamako",
          "Africa/Bamako"
        ],
        [
          "Africa/Bangui",
          "Africa/Bangui"
        ],
        [
          "Africa/Banjul",
          "Africa/Banjul"
        ],
        [
          "Africa/Bissau",
          "Africa/Bissau"
        ],
        [
          "Africa/Blantyre",
          "Africa/Blantyre"
        ],
        [
          "Africa/Brazzaville",
          "Africa/Brazzaville"
        ],
        [
          "Africa/Bujumbura",
          "Africa/Bujumbura"
        ],
        [
          "Africa/Cairo",
          "Africa/Cairo"
        ],
        [
          "Africa/Casablanca",
          "Africa/Casablanca"
        ],
        [
          "Africa/Ceuta",
          "Africa/Ceuta"
        ],
        [
          "Africa/Conakry",
          "Africa/Conakry"
        ],
        [
          "Africa/Dakar",
          "Africa/Dakar"
        ],
        [
          "Africa/Dar_es_Salaam",
          "Africa/Dar_es_Salaam"
        ],
        [
          "Africa/Djibouti",
          "Africa/Djibouti"
        ],
        [
          "Africa/Douala",
          "Africa/Douala"
        ],
        [
          "Africa/El_Aaiun",
          "Africa/El_Aaiun"
        ],
        [
          "Africa/Freetown",
          "Africa/Freetown"
        ],
        [
          "Africa/Gaborone",
          "Africa/Gaborone"
        ],
        [
          "Africa/Harare",
          "Africa/Harare"
        ],
        [
          "Africa/Johannesburg",
          "Africa/Johannesburg"
        ],
        [
          "Africa/Juba",
          "Africa/Juba"
        ],
        [
          "Africa/Kampala",
          "Africa/Kampala"
        ],
        [
          "Africa/Khartoum",
          "Africa/Khartoum"
        ],
        [
          "Africa/Kigali",
          "Africa/Kigali"
        ],
        [
          "Africa/Kinshasa",
          "Africa/Kinshasa"
        ],
        [
          "Africa/Lagos",
          "Africa/Lagos"
        ],
        [
          "Africa/Libreville",
          "Africa/Libreville"
        ],
        [
          "Africa/Lome",
          "Africa/Lome"
        ],
        [
          "Africa/Luanda",
          "Africa/Luanda"
        ],
        [
          "Africa/Lubumbashi",
          "Africa/Lubumbashi"
        ],
        [
          "Africa/Lusaka",
          "Africa/Lusaka"
        ],
        [
          "Africa/Malabo",
          "Africa/Malabo"
        ],
        [
          "Africa/Maputo",
          "Africa/Maputo"
        ],
        [
          "Africa/Maseru",
          "Africa/Maseru"
        ],
        [
          "Africa/Mbabane",
          "Africa/Mbabane"
        ],
        [
          "Africa/Mogadishu",
          "Africa/Mogadishu"
        ],
        [
          "Africa/Monrovia",
          "Africa/Monrovia"
        ],
        [
          "Africa/Nairobi",
          "Africa/Nairobi"
        ],
        [
          "Africa/Ndjamena",
          "Africa/Ndjamena"
        ],
        [
          "Africa/Niamey",
          "Africa/Niamey"
        ],
        [
          "Africa/Nouakchott",
          "Africa/Nouakchott"
        ],
        [
          "Africa/Ouagadougou",
          "Africa/Ouagadougou"
        ],
        [
          "Africa/Porto-Novo",
          "Africa/Porto-Novo"
        ],
        [
          "Africa/Sao_Tome",
          "Africa/Sao_Tome"
        ],
        [
          "Africa/Timbuktu",
          "Africa/Timbuktu"
        ],
        [
          "Africa/Tripoli",
          "Africa/Tripoli"
        ],
        [
          "Africa/Tunis",
          "Africa/Tunis"
        ],
        [
          "Africa/Windhoek",
          "Africa/Windhoek"
        ],
        [
          "America/Adak",
          "America/Adak"
        ],
        [
          "America/Anchorage",
          "America/Anchorage"
        ],
        [
          "America/Anguilla",
          "America/Anguilla"
        ],
        [
          "America/Antigua",
          "America/Antigua"
        ],
        [
          "America/Araguaina",
          "America/Araguaina"
        ],
        [
          "America/Argentina/Buenos_Aires",
          "America/Argentina/Buenos_Aires"
        ],
        [
          "America/Argentina/Catamarca",
          "America/Argentina/Catamarca"
        ],
        [
          "America/Argentina/ComodRivadavia",
          "America/Argentina/ComodRivadavia"
        ],
        [
          "America/Argentina/Cordoba",
          "America/Argentina/Cordoba"
        ],
        [
          "America/Argentina/Jujuy",
          "America/Argentina/Jujuy"
        ],
        [
          "America/Argentina/La_Rioja",
          "America/Argentina/La_Rioja"
        ],
        [
          "America/Argentina/Mendoza",
          "America/Argentina/Mendoza"
        ],
        [
          "America/Argentina/Rio_Gallegos",
          "America/Argentina/Rio_Gallegos"
        ],
        [
          "America/Argentina/Salta",
          "America/Argentina/Salta"
        ],
        [
          "America/Argentina/San_Juan",
          "America/Argentina/San_Juan"
        ],
        [
          "America/Argentina/San_Luis",
          "America/Argentina/San_Luis"
        ],
        [
          "America/Argentina/Tucuman",
          "America/Argentina/Tucuman"
        ],
        [
          "America/Argentina/Ushuaia",
          "America/Argentina/Ushuaia"
        ],
        [
          "America/Aruba",
          "America/Aruba"
        ],
        [
          "America/Asuncion",
          "America/Asuncion"
        ],
        [
          "America/Atikokan",
          "America/Atikokan"
        ],
        [
          "America/Atka",
          "America/Atka"
        ],
        [
          "America/Bahia",
          "America/Bahia"
        ],
        [
          "America/Bahia_Banderas",
          "America/Bahia_Banderas"
        ],
        [
          "America/Barbados",
          "America/Barbados"
        ],
        [
          "America/Belem",
          "America/Belem"
        ],
        [
          "America/Belize",
          "America/Belize"
        ],
        [
          "America/Blanc-Sablon",
          "America/Blanc-Sablon"
        ],
        [
          "America/Boa_Vista",
          "America/Boa_Vista"
        ],
        [
          "America/Bogota",
          "America/Bogota"
        ],
        [
          "America/Boise",
          "America/Boise"
        ],
        [
          "America/Buenos_Aires",
          "America/Buenos_Aires"
        ],
        [
          "America/Cambridge_Bay",
          "America/Cambridge_Bay"
        ],
        [
          "America/Campo_Grande",
          "America/Campo_Grande"
        ],
        [
          "America/Cancun",
          "America/Cancun"
        ],
        [
          "America/Caracas",
          "America/Caracas"
        ],
        [
          "America/Catamarca",
          "America/Catamarca"
        ],
        [
          "America/Cayenne",
          "America/Cayenne"
        ],
        [
          "America/Cayman",
          "America/Cayman"
        ],
        [
          "America/Chicago",
          "America/Chicago"
        ],
        [
          "America/Chihuahua",
          "America/Chihuahua"
        ],
        [
          "America/Ciudad_Juarez",
          "America/Ciudad_Juarez"
        ],
        [
          "America/Coral_Harbour",
          "America/Coral_Harbour"
        ],
        [
          "America/Cordoba",
          "America/Cordoba"
        ],
        [
          "America/Costa_Rica",
          "America/Costa_Rica"
        ],
        [
          "America/Coyhaique",
          "America/Coyhaique"
        ],
        [
          "America/Creston",
          "America/Creston"
        ],
        [
          "America/Cuiaba",
          "America/Cuiaba"
        ],
        [
          "America/Curacao",
          "America/Curacao"
        ],
        [
          "America/Danmarkshavn",
          "America/Danmarkshavn"
        ],
        [
          "America/Dawson",
          "America/Dawson"
        ],
        [
          "America/Dawson_Creek",
          "America/Dawson_Creek"
        ],
        [
          "America/Denver",
          "America/Denver"
        ],
        [
          "America/Detroit",
          "America/Detroit"
        ],
        [
          "America/Dominica",
          "America/Dominica"
        ],
        [
          "America/Edmonton",
          "America/Edmonton"
        ],
        [
          "America/Eirunepe",
          "America/Eirunepe"
        ],
        [
          "America/El_Salvador",
          "America/El_Salvador"
        ],
        [
          "America/Ensenada",
          "America/Ensenada"
        ],
        [
          "America/Fort_Nelson",
          "America/Fort_Nelson"
        ],
        [
          "America/Fort_Wayne",
          "America/Fort_Wayne"
        ],
        [
          "America/Fortaleza",
          "America/Fortaleza"
        ],
        [
          "America/Glace_Bay",
          "America/Glace_Bay"
        ],
        [
          "America/Godthab",
          "America/Godthab"
        ],
        [
          "America/Goose_Bay",
          "America/Goose_Bay"
        ],
        [
          "America/Grand_Turk",
          "America/Grand_Turk"
        ],
        [
          "America/Grenada",
          "America/Grenada"
        ],
        [
          "America/Guadeloupe",
          "America/Guadeloupe"
        ],
        [
          "America/Guatemala",
          "America/Guatemala"
        ],
        [
          "America/Guayaquil",
          "America/Guayaquil"
        ],
        [
          "America/Guyana",
          "America/Guyana"
        ],
        [
          "America/Halifax",
          "America/Halifax"
        ],
        [
          "America/Havana",
          "America/Havana"
        ],
        [
          "America/Hermosillo",
          "America/Hermosillo"
        ],
        [
          "America/Indiana/Indianapolis",
          "America/Indiana/Indianapolis"
        ],
        [
          "America/Indiana/Knox",
          "America/Indiana/Knox"
        ],
        [
          "America/Indiana/Marengo",
          "America/Indiana/Marengo"
        ],
        [
          "America/Indiana/Petersburg",
          "America/Indiana/Petersburg"
        ],
        [
          "America/Indiana/Tell_City",
          "America/Indiana/Tell_City"
        ],
        [
          "America/Indiana/Vevay",
          "America/Indiana/Vevay"
        ],
        [
          "America/Indiana/Vincennes",
          "America/Indiana/Vincennes"
        ],
        [
          "America/Indiana/Winamac",
          "America/Indiana/Winamac"
        ],
        [
          "America/Indianapolis",
          "America/Indianapolis"
        ],
        [
          "America/Inuvik",
          "America/Inuvik"
        ],
        [
          "America/Iqaluit",
          "America/Iqaluit"
        ],
        [
          "America/Jamaica",
          "America/Jamaica"
        ],
        [
          "America/Jujuy",
          "America/Jujuy"
        ],
        [
          "America/Juneau",
          "America/Juneau"
        ],
        [
          "America/Kentucky/Louisville",
          "America/Kentucky/Louisville"
        ],
        [
          "America/Kentucky/Monticello",
          "America/Kentucky/Monticello"
        ],
        [
          "America/Knox_IN",
          "America/Knox_IN"
        ],
        [
          "America/Kralendijk",
          "America/Kralendijk"
        ],
        [
          "America/La_Paz",
          "America/La_Paz"
        ],
        [
          "America/Lima",
          "America/Lima"
        ],
        [
          "America/Los_Angeles",
          "America/Los_Angeles"
        ],
        [
          "America/Louisville",
          "America/Louisville"
        ],
        [
          "America/Lower_Princes",
          "America/Lower_Princes"
        ],
        [
          "America/Maceio",
          "America/Maceio"
        ],
        [
          "America/Managua",
          "America/Managua"
        ],
        [
          "America/Manaus",
          "America/Manaus"
        ],
        [
          "America/Marigot",
          "America/Marigot"
        ],
        [
          "America/Martinique",
          "America/Martinique"
        ],
        [
          "America/Matamoros",
          "America/Matamoros"
        ],
        [
          "America/Mazatlan",
          "America/Mazatlan"
        ],
        [
          "America/Mendoza",
          "America/Mendoza"
        ],
        [
          "America/Menominee",
          "America/Menominee"
        ],
        [
          "America/Merida",
          "America/Merida"
        ],
        [
          "America/Metlakatla",
          "America/Metlakatla"
        ],
        [
          "America/Mexico_City",
          "America/Mexico_City"
        ],
        [
          "America/Miquelon",
          "America/Miquelon"
        ],
        [
          "America/Moncton",
          "America/Moncton"
        ],
        [
          "America/Monterrey",
          "America/Monterrey"
        ],
        [
          "America/Montevideo",
          "America/Montevideo"
        ],
        [
          "America/Montreal",
          "America/Montreal"
        ],
        [
          "America/Montserrat",
          "America/Montserrat"
        ],
        [
          "America/Nassau",
          "America/Nassau"
        ],
        [
          "America/New_York",
          "America/New_York"
        ],
        [
          "America/Nipigon",
          "America/Nipigon"
        ],
        [
          "America/Nome",
          "America/Nome"
        ],
        [
          "America/Noronha",
          "America/Noronha"
        ],
        [
          "America/North_Dakota/Beulah",
          "America/North_Dakota/Beulah"
        ],
        [
          "America/North_Dakota/Center",
          "America/North_Dakota/Center"
        ],
        [
          "America/North_Dakota/New_Salem",
          "America/North_Dakota/New_Salem"
        ],
        [
          "America/Nuuk",
          "America/Nuuk"
        ],
        [
          "America/Ojinaga",
          "America/Ojinaga"
        ],
        [
          "America/Panama",
          "America/Panama"
        ],
        [
          "America/Pangnirtung",
          "America/Pangnirtung"
        ],
        [
          "America/Paramaribo",
          "America/Paramaribo"
        ],
        [
          "America/Phoenix",
          "America/Phoenix"
        ],
        [
          "America/Port-au-Prince",
          "America/Port-au-Prince"
        ],
        [
          "America/Port_of_Spain",
          "America/Port_of_Spain"
        ],
        [
          "America/Porto_Acre",
          "America/Porto_Acre"
        ],
        [
          "America/Porto_Velho",
          "America/Porto_Velho"
        ],
        [
          "America/Puerto_Rico",
          "America/Puerto_Rico"
        ],
        [
          "America/Punta_Arenas",
          "America/Punta_Arenas"
        ],
        [
          "America/Rainy_River",
          "America/Rainy_River"
        ],
        [
          "America/Rankin_Inlet",
          "America/Rankin_Inlet"
        ],
        [
          "America/Recife",
          "America/Recife"
        ],
        [
          "America/Regina",
          "America/Regina"
        ],
        [
          "America/Resolute",
          "America/Resolute"
        ],
        [
          "America/Rio_Branco",
          "America/Rio_Branco"
        ],
        [
          "America/Rosario",
          "America/Rosario"
        ],
        [
          "America/Santa_Isabel",
          "America/Santa_Isabel"
        ],
        [
          "America/Santarem",
          "America/Santarem"
        ],
        [
          "America/Santiago",
          "America/Santiago"
        ],
        [
          "America/Santo_Domingo",
          "America/Santo_Domingo"
        ],
        [
          "America/Sao_Paulo",
          "America/Sao_Paulo"
        ],
        [
          "America/Scoresbysund",
          "America/Scoresbysund"
        ],
        [
          "America/Shiprock",
          "America/Shiprock"
        ],
        [
          "America/Sitka",
          "America/Sitka"
        ],
        [
          "America/St_Barthelemy",
          "America/St_Barthelemy"
        ],
        [
          "America/St_Johns",
          "America/St_Johns"
        ],
        [
          "America/St_Kitts",
          "America/St_Kitts"
        ],
        [
          "America/St_Lucia",
          "America/St_Lucia"
        ],
        [
          "America/St_Thomas",
          "America/St_Thomas"
        ],
        [
          "America/St_Vincent",
          "America/St_Vincent"
        ],
        [
          "America/Swift_Current",
          "America/Swift_Current"
        ],
        [
          "America/Tegucigalpa",
          "America/Tegucigalpa"
        ],
        [
          "America/Thule",
          "America/Thule"
        ],
        [
          "America/Thunder_Bay",
          "America/Thunder_Bay"
        ],
        [
          "America/Tijuana",
          "America/Tijuana"
        ],
        [
          "America/Toronto",
          "America/Toronto"
        ],
        [
          "America/Tortola",
          "America/Tortola"
        ],
        [
          "America/Vancouver",
          "America/Vancouver"
        ],
        [
          "America/Virgin",
          "America/Virgin"
        ],
        [
          "America/Whitehorse",
          "America/Whitehorse"
        ],
        [
          "America/Winnipeg",
          "America/Winnipeg"
        ],
        [
          "America/Yakutat",
          "America/Yakutat"
        ],
        [
          "America/Yellowknife",
          "America/Yellowknife"
        ],
        [
          "Antarctica/Casey",
          "Antarctica/Casey"
        ],
        [
          "Antarctica/Davis",
          "Antarctica/Davis"
        ],
        [
          "Antarctica/DumontDUrville",
          "Antarctica/DumontDUrville"
        ],
        [
          "Antarctica/Macquarie",
          "Antarctica/Macquarie"
        ],
        [
          "Antarctica/Mawson",
          "Antarctica/Mawson"
        ],
        [
          "Antarctica/McMurdo",
          "Antarctica/McMurdo"
        ],
        [
          "Antarctica/Palmer",
          "Antarctica/Palmer"
        ],
        [
          "Antarctica/Rothera",
          "Antarctica/Rothera"
        ],
        [
          "Antarctica/South_Pole",
          "Antarctica/South_Pole"
        ],
        [
          "Antarctica/Syowa",
          "Antarctica/Syowa"
        ],
        [
          "Antarctica/Troll",
          "Antarctica/Troll"
        ],
        [
          "Antarctica/Vostok",
          "Antarctica/Vostok"
        ],
        [
          "Arctic/Longyearbyen",
          "Arctic/Longyearbyen"
        ],
        [
          "Asia/Aden",
          "Asia/Aden"
        ],
        [
          "Asia/Almaty",
          "Asia/Almaty"
        ],
        [
          "Asia/Amman",
          "Asia/Amman"
        ],
        [
          "Asia/Anadyr",
          "Asia/Anadyr"
        ],
        [
          "Asia/Aqtau",
          "Asia/Aqtau"
        ],
        [
          "Asia/Aqtobe",
          "Asia/Aqtobe"
        ],
        [
          "Asia/Ashgabat",
          "Asia/Ashgabat"
        ],
        [
          "Asia/Ashkhabad",
          "Asia/Ashkhabad"
        ],
        [
          "Asia/Atyrau",
          "Asia/Atyrau"
        ],
        [
          "Asia/Baghdad",
          "Asia/Baghdad"
        ],
        [
          "Asia/Bahrain",
          "Asia/Bahrain"
        ],
        [
          "Asia/Baku",
          "Asia/Baku"
        ],
        [
          "Asia/Bangkok",
          "Asia/Bangkok"
        ],
        [
          "Asia/Barnaul",
          "Asia/Barnaul"
        ],
        [
          "Asia/Beirut",
          "Asia/Beirut"
        ],
        [
          "Asia/Bishkek",
          "Asia/Bishkek"
        ],
        [
          "Asia/Brunei",
          "Asia/Brunei"
        ],
        [
          "Asia/Calcutta",
          "Asia/Calcutta"
        ],
        [
          "Asia/Chita",
          "Asia/Chita"
        ],
        [
          "Asia/Choibalsan",
          "Asia/Choibalsan"
        ],
        [
          "Asia/Chongqing",
          "Asia/Chongqing"
        ],
        [
          "Asia/Chungking",
          "Asia/Chungking"
        ],
        [
          "Asia/Colombo",
          "Asia/Colombo"
        ],
        [
          "Asia/Dacca",
          "Asia/Dacca"
        ],
        [
          "Asia/Damascus",
          "Asia/Damascus"
        ],
        [
          "Asia/Dhaka",
          "Asia/Dhaka"
        ],
        [
          "Asia/Dili",
          "Asia/Dili"
        ],
        [
          "Asia/Dubai",
          "Asia/Dubai"
        ],
        [
          "Asia/Dushanbe",
          "Asia/Dushanbe"
        ],
        [
          "Asia/Famagusta",
          "Asia/Famagusta"
        ],
        [
          "Asia/Gaza",
          "Asia/Gaza"
        ],
        [
          "Asia/Harbin",
          "Asia/Harbin"
        ],
        [
          "Asia/Hebron",
          "Asia/Hebron"
        ],
        [
          "Asia/Ho_Chi_Minh",
          "Asia/Ho_Chi_Minh"
        ],
        [
          "Asia/Hong_Kong",
          "Asia/Hong_Kong"
        ],
        [
          "Asia/Hovd",
          "Asia/Hovd"
        ],
        [
          "Asia/Irkutsk",
          "Asia/Irkutsk"
        ],
        [
          "Asia/Istanbul",
          "Asia/Istanbul"
        ],
        [
          "Asia/Jakarta",
          "Asia/Jakarta"
        ],
        [
          "Asia/Jayapura",
          "Asia/Jayapura"
        ],
        [
          "Asia/Jerusalem",
          "Asia/Jerusalem"
        ],
        [
          "Asia/Kabul",
          "Asia/Kabul"
        ],
        [
          "Asia/Kamchatka",
          "Asia/Kamchatka"
        ],
        [
          "Asia/Karachi",
          "Asia/Karachi"
        ],
        [
          "Asia/Kashgar",
          "Asia/Kashgar"
        ],
        [
          "Asia/Kathmandu",
          "Asia/Kathmandu"
        ],
        [
          "Asia/Katmandu",
          "Asia/Katmandu"
        ],
        [
          "Asia/Khandyga",
          "Asia/Khandyga"
        ],
        [
          "Asia/Kolkata",
          "Asia/Kolkata"
        ],
        [
          "Asia/Krasnoyarsk",
          "Asia/Krasnoyarsk"
        ],
        [
          "Asia/Kuala_Lumpur",
          "Asia/Kuala_Lumpur"
        ],
        [
          "Asia/Kuching",
          "Asia/Kuching"
        ],
        [
          "Asia/Kuwait",
          "Asia/Kuwait"
        ],
        [
          "Asia/Macao",
          "Asia/Macao"
        ],
        [
          "Asia/Macau",
          "Asia/Macau"
        ],
        [
          "Asia/Magadan",
          "Asia/Magadan"
        ],
        [
          "Asia/Makassar",
          "Asia/Makassar"
        ],
        [
          "Asia/Manila",
          "Asia/Manila"
        ],
        [
          "Asia/Muscat",
          "Asia/Muscat"
        ],
        [
          "Asia/Nicosia",
          "Asia/Nicosia"
        ],
        [
          "Asia/Novokuznetsk",
          "Asia/Novokuznetsk"
        ],
        [
          "Asia/Novosibirsk",
          "Asia/Novosibirsk"
        ],
        [
          "Asia/Omsk",
          "Asia/Omsk"
        ],
        [
          "Asia/Oral",
          "Asia/Oral"
        ],
        [
          "Asia/Phnom_Penh",
          "Asia/Phnom_Penh"
        ],
        [
          "Asia/Pontianak",
          "Asia/Pontianak"
        ],
        [
          "Asia/Pyongyang",
          "Asia/Pyongyang"
        ],
        [
          "Asia/Qatar",
          "Asia/Qatar"
        ],
        [
          "Asia/Qostanay",
          "Asia/Qostanay"
        ],
        [
          "Asia/Qyzylorda",
          "Asia/Qyzylorda"
        ],
        [
          "Asia/Rangoon",
          "Asia/Rangoon"
        ],
        [
          "Asia/Riyadh",
          "Asia/Riyadh"
        ],
        [
          "Asia/Saigon",
          "Asia/Saigon"
        ],
        [
          "Asia/Sakhalin",
          "Asia/Sakhalin"
        ],
        [
          "Asia/Samarkand",
          "Asia/Samarkand"
        ],
        [
          "Asia/Seoul",
          "Asia/Seoul"
        ],
        [
          "Asia/Shanghai",
          "Asia/Shanghai"
        ],
        [
          "Asia/Singapore",
          "Asia/Singapore"
        ],
        [
          "Asia/Srednekolymsk",
          "Asia/Srednekolymsk"
        ],
        [
          "Asia/Taipei",
          "Asia/Taipei"
        ],
        [
          "Asia/Tashkent",
          "Asia/Tashkent"
        ],
        [
          "Asia/Tbilisi",
          "Asia/Tbilisi"
        ],
        [
          "Asia/Tehran",
          "Asia/Tehran"
        ],
        [
          "Asia/Tel_Aviv",
          "Asia/Tel_Aviv"
        ],
        [
          "Asia/Thimbu",
          "Asia/Thimbu"
        ],
        [
          "Asia/Thimphu",
          "Asia/Thimphu"
        ],
        [
          "Asia/Tokyo",
          "Asia/Tokyo"
        ],
        [
          "Asia/Tomsk",
          "Asia/Tomsk"
        ],
        [
          "Asia/Ujung_Pandang",
          "Asia/Ujung_Pandang"
        ],
        [
          "Asia/Ulaanbaatar",
          "Asia/Ulaanbaatar"
        ],
        [
          "Asia/Ulan_Bator",
          "Asia/Ulan_Bator"
        ],
        [
          "Asia/Urumqi",
          "Asia/Urumqi"
        ],
        [
          "Asia/Ust-Nera",
          "Asia/Ust-Nera"
        ],
        [
          "Asia/Vientiane",
          "Asia/Vientiane"
        ],
        [
          "Asia/Vladivostok",
          "Asia/Vladivostok"
        ],
        [
          "Asia/Yakutsk",
          "Asia/Yakutsk"
        ],
        [
          "Asia/Yangon",
          "Asia/Yangon"
        ],
        [
          "Asia/Yekaterinburg",
          "Asia/Yekaterinburg"
        ],
        [
          "Asia/Yerevan",
          "Asia/Yerevan"
        ],
        [
          "Atlantic/Azores",
          "Atlantic/Azores"
        ],
        [
          "Atlantic/Bermuda",
          "Atlantic/Bermuda"
        ],
        [
          "Atlantic/Canary",
          "Atlantic/Canary"
        ],
        [
          "Atlantic/Cape_Verde",
          "Atlantic/Cape_Verde"
        ],
        [
          "Atlantic/Faeroe",
          "Atlantic/Faeroe"
        ],
        [
          "Atlantic/Faroe",
          "Atlantic/Faroe"
        ],
        [
          "Atlantic/Jan_Mayen",
          "Atlantic/Jan_Mayen"
        ],
        [
          "Atlantic/Madeira",
          "Atlantic/Madeira"
        ],
        [
          "Atlantic/Reykjavik",
          "Atlantic/Reykjavik"
        ],
        [
          "Atlantic/South_Georgia",
          "Atlantic/South_Georgia"
        ],
        [
          "Atlantic/St_Helena",
          "Atlantic/St_Helena"
        ],
        [
          "Atlantic/Stanley",
          "Atlantic/Stanley"
        ],
        [
          "Australia/ACT",
          "Australia/ACT"
        ],
        [
          "Australia/Adelaide",
          "Australia/Adelaide"
        ],
        [
          "Australia/Brisbane",
          "Australia/Brisbane"
        ],
        [
          "Australia/Broken_Hill",
          "Australia/Broken_Hill"
        ],
        [
          "Australia/Canberra",
          "Australia/Canberra"
        ],
        [
          "Australia/Currie",
          "Australia/Currie"
        ],
        [
          "Australia/Darwin",
          "Australia/Darwin"
        ],
        [
          "Australia/Eucla",
          "Australia/Eucla"
        ],
        [
          "Australia/Hobart",
          "Australia/Hobart"
        ],
        [
          "Australia/LHI",
          "Australia/LHI"
        ],
        [
          "Australia/Lindeman",
          "Australia/Lindeman"
        ],
        [
          "Australia/Lord_Howe",
          "Australia/Lord_Howe"
        ],
        [
          "Australia/Melbourne",
          "Australia/Melbourne"
        ],
        [
          "Australia/NSW",
          "Australia/NSW"
        ],
        [
          "Australia/North",
          "Australia/North"
        ],
        [
          "Australia/Perth",
          "Australia/Perth"
        ],
        [
          "Australia/Queensland",
          "Australia/Queensland"
        ],
        [
          "Australia/South",
          "Australia/South"
        ],
        [
          "Australia/Sydney",
          "Australia/Sydney"
        ],
        [
          "Australia/Tasmania",
          "Australia/Tasmania"
        ],
        [
          "Australia/Victoria",
          "Australia/Victoria"
        ],
        [
          "Australia/West",
          "Australia/West"
        ],
        [
          "Australia/Yancowinna",
          "Australia/Yancowinna"
        ],
        [
          "Brazil/Acre",
          "Brazil/Acre"
        ],
        [
          "Brazil/DeNoronha",
          "Brazil/DeNoronha"
        ],
        [
          "Brazil/East",
          "Brazil/East"
        ],
        [
          "Brazil/West",
          "Brazil/West"
        ],
        [
          "CET",
          "CET"
        ],
        [
          "CST6CDT",
          "CST6CDT"
        ],
        [
          "Canada/Atlantic",
          "Canada/Atlantic"
        ],
        [
          "Canada/Central",
          "Canada/Central"
        ],
        [
          "Canada/Eastern",
          "Canada/Eastern"
        ],
        [
          "Canada/Mountain",
          "Canada/Mountain"
        ],
        [
          "Canada/Newfoundland",
          "Canada/Newfoundland"
        ],
        [
          "Canada/Pacific",
          "Canada/Pacific"
        ],
        [
          "Canada/Saskatchewan",
          "Canada/Saskatchewan"
        ],
        [
          "Canada/Yukon",
          "Canada/Yukon"
        ],
        [
          "Chile/Continental",
          "Chile/Continental"
        ],
        [
          "Chile/EasterIsland",
          "Chile/EasterIsland"
        ],
        [
          "Cuba",
          "Cuba"
        ],
        [
          "EET",
          "EET"
        ],
        [
          "EST",
          "EST"
        ],
        [
          "EST5EDT",
          "EST5EDT"
        ],
        [
          "Egypt",
          "Egypt"
        ],
        [
          "Eire",
          "Eire"
        ],
        [
          "Europe/Amsterdam",
          "Europe/Amsterdam"
        ],
        [
          "Europe/Andorra",
          "Europe/Andorra"
        ],
        [
          "Europe/Astrakhan",
          "Europe/Astrakhan"
        ],
        [
          "Europe/Athens",
          "Europe/Athens"
        ],
        [
          "Europe/Belfast",
          "Europe/Belfast"
        ],
        [
          "Europe/Belgrade",
          "Europe/Belgrade"
        ],
        [
          "Europe/Berlin",
          "Europe/Berlin"
        ],
        [
          "Europe/Bratislava",
          "Europe/Bratislava"
        ],
        [
          "Europe/Brussels",
          "Europe/Brussels"
        ],
        [
          "Europe/Bucharest",
          "Europe/Bucharest"
        ],
        [
          "Europe/Budapest",
          "Europe/Budapest"
        ],
        [
          "Europe/Busingen",
          "Europe/Busingen"
        ],
        [
          "Europe/Chisinau",
          "Europe/Chisinau"
        ],
        [
          "Europe/Copenhagen",
          "Europe/Copenhagen"
        ],
        [
          "Europe/Dublin",
          "Europe/Dublin"
        ],
        [
          "Europe/Gibraltar",
          "Europe/Gibraltar"
        ],
        [
          "Europe/Guernsey",
          "Europe/Guernsey"
        ],
        [
          "Europe/Helsinki",
          "Europe/Helsinki"
        ],
        [
          "Europe/Isle_of_Man",
          "Europe/Isle_of_Man"
        ],
        [
          "Europe/Istanbul",
          "Europe/Istanbul"
        ],
        [
          "Europe/Jersey",
          "Europe/Jersey"
        ],
        [
          "Europe/Kaliningrad",
          "Europe/Kaliningrad"
        ],
        [
          "Europe/Kiev",
          "Europe/Kiev"
        ],
        [
          "Europe/Kirov",
          "Europe/Kirov"
        ],
        [
          "Europe/Kyiv",
          "Europe/Kyiv"
        ],
        [
          "Europe/Lisbon",
          "Europe/Lisbon"
        ],
        [
          "Europe/Ljubljana",
          "Europe/Ljubljana"
        ],
        [
          "Europe/London",
          "Europe/London"
        ],
        [
          "Europe/Luxembourg",
          "Europe/Luxembourg"
        ],
        [
          "Europe/Madrid",
          "Europe/Madrid"
        ],
        [
          "Europe/Malta",
          "Europe/Malta"
        ],
        [
          "Europe/Mariehamn",
          "Europe/Mariehamn"
        ],
        [
          "Europe/Minsk",
          "Europe/Minsk"
        ],
        [
          "Europe/Monaco",
          "Europe/Monaco"
        ],
        [
          "Europe/Moscow",
          "Europe/Moscow"
        ],
        [
          "Europe/Nicosia",
          "Europe/Nicosia"
        ],
        [
          "Europe/Oslo",
          "Europe/Oslo"
        ],
        [
          "Europe/Paris",
          "Europe/Paris"
        ],
        [
          "Europe/Podgorica",
          "Europe/Podgorica"
        ],
        [
          "Europe/Prague",
          "Europe/Prague"
        ],
        [
          "Europe/Riga",
          "Europe/Riga"
        ],
        [
          "Europe/Rome",
          "Europe/Rome"
        ],
        [
          "Europe/Samara",
          "Europe/Samara"
        ],
        [
          "Europe/San_Marino",
          "Europe/San_Marino"
        ],
        [
          "Europe/Sarajevo",
          "Europe/Sarajevo"
        ],
        [
          "Europe/Saratov",
          "Europe/Saratov"
        ],
        [
          "Europe/Simferopol",
          "Europe/Simferopol"
        ],
        [
          "Europe/Skopje",
          "Europe/Skopje"
        ],
        [
          "Europe/Sofia",
          "Europe/Sofia"
        ],
        [
          "Europe/Stockholm",
          "Europe/Stockholm"
        ],
        [
          "Europe/Tallinn",
          "Europe/Tallinn"
        ],
        [
          "Europe/Tirane",
          "Europe/Tirane"
        ],
        [
          "Europe/Tiraspol",
          "Europe/Tiraspol"
        ],
        [
          "Europe/Ulyanovsk",
          "Europe/Ulyanovsk"
        ],
        [
          "Europe/Uzhgorod",
          "Europe/Uzhgorod"
        ],
        [
          "Europe/Vaduz",
          "Europe/Vaduz"
        ],
        [
          "Europe/Vatican",
          "Europe/Vatican"
        ],
        [
          "Europe/Vienna",
          "Europe/Vienna"
        ],
        [
          "Europe/Vilnius",
          "Europe/Vilnius"
        ],
        [
          "Europe/Volgograd",
          "Europe/Volgograd"
        ],
        [
          "Europe/Warsaw",
          "Europe/Warsaw"
        ],
        [
          "Europe/Zagreb",
          "Europe/Zagreb"
        ],
        [
          "Europe/Zaporozhye",
          "Europe/Zaporozhye"
        ],
        [
          "Europe/Zurich",
          "Europe/Zurich"
        ],
        [
          "GB",
          "GB"
        ],
        [
          "GB-Eire",
          "GB-Eire"
        ],
        [
          "GMT",
          "GMT"
        ],
        [
          "GMT+0",
          "GMT+0"
        ],
        [
          "GMT-0",
          "GMT-0"
        ],
        [
          "GMT0",
          "GMT0"
        ],
        [
          "Greenwich",
          "Greenwich"
        ],
        [
          "HST",
          "HST"
        ],
        [
          "Hongkong",
          "Hongkong"
        ],
        [
          "Iceland",
          "Iceland"
        ],
        [
          "Indian/Antananarivo",
          "Indian/Antananarivo"
        ],
        [
          "Indian/Chagos",
          "Indian/Chagos"
        ],
        [
          "Indian/Christmas",
          "Indian/Christmas"
        ],
        [
          "Indian/Cocos",
          "Indian/Cocos"
        ],
        [
          "Indian/Comoro",
          "Indian/Comoro"
        ],
        [
          "Indian/Kerguelen",
          "Indian/Kerguelen"
        ],
        [
          "Indian/Mahe",
          "Indian/Mahe"
        ],
        [
          "Indian/Maldives",
          "Indian/Maldives"
        ],
        [
          "Indian/Mauritius",
          "Indian/Mauritius"
        ],
        [
          "Indian/Mayotte",
          "Indian/Mayotte"
        ],
        [
          "Indian/Reunion",
          "Indian/Reunion"
        ],
        [
          "Iran",
          "Iran"
        ],
        [
          "Israel",
          "Israel"
        ],
        [
          "Jamaica",
          "Jamaica"
        ],
        [
          "Japan",
          "Japan"
        ],
        [
          "Kwajalein",
          "Kwajalein"
        ],
        [
          "Libya",
          "Libya"
        ],
        [
          "MET",
          "MET"
        ],
        [
          "MST",
          "MST"
        ],
        [
          "MST7MDT",
          "MST7MDT"
        ],
        [
          "Mexico/BajaNorte",
          "Mexico/BajaNorte"
        ],
        [
          "Mexico/BajaSur",
          "Mexico/BajaSur"
        ],
        [
          "Mexico/General",
          "Mexico/General"
        ],
        [
          "NZ",
          "NZ"
        ],
        [
          "NZ-CHAT",
          "NZ-CHAT"
        ],
        [
          "Navajo",
          "Navajo"
        ],
        [
          "PRC",
          "PRC"
        ],
        [
          "PST8PDT",
          "PST8PDT"
        ],
        [
          "Pacific/Apia",
          "Pacific/Apia"
        ],
        [
          "Pacific/Auckland",
          "Pacific/Auckland"
        ],
        [
          "Pacific/Bougainville",
          "Pacific/Bougainville"
        ],
        [
          "Pacific/Chatham",
          "Pacific/Chatham"
        ],
        [
          "Pacific/Chuuk",
          "Pacific/Chuuk"
        ],
        [
          "Pacific/Easter",
          "Pacific/Easter"
        ],
        [
          "Pacific/Efate",
          "Pacific/Efate"
        ],
        [
          "Pacific/Enderbury",
          "Pacific/Enderbury"
        ],
        [
          "Pacific/Fakaofo",
          "Pacific/Fakaofo"
        ],
        [
          "Pacific/Fiji",
          "Pacific/Fiji"
        ],
        [
          "Pacific/Funafuti",
          "Pacific/Funafuti"
        ],
        [
          "Pacific/Galapagos",
          "Pacific/Galapagos"
        ],
        [
          "Pacific/Gambier",
          "Pacific/Gambier"
        ],
        [
          "Pacific/Guadalcanal",
          "Pacific/Guadalcanal"
        ],
        [
          "Pacific/Guam",
          "Pacific/Guam"
        ],
        [
          "Pacific/Honolulu",
          "Pacific/Honolulu"
        ],
        [
          "Pacific/Johnston",
          "Pacific/Johnston"
        ],
        [
          "Pacific/Kanton",
          "Pacific/Kanton"
        ],
        [
          "Pacific/Kiritimati",
          "Pacific/Kiritimati"
        ],
        [
          "Pacific/Kosrae",
          "Pacific/Kosrae"
        ],
        [
          "Pacific/Kwajalein",
          "Pacific/Kwajalein"
        ],
        [
          "Pacific/Majuro",
          "Pacific/Majuro"
        ],
        [
          "Pacific/Marquesas",
          "Pacific/Marquesas"
        ],
        [
          "Pacific/Midway",
          "Pacific/Midway"
        ],
        [
          "Pacific/Nauru",
          "Pacific/Nauru"
        ],
        [
          "Pacific/Niue",
          "Pacific/Niue"
        ],
        [
          "Pacific/Norfolk",
          "Pacific/Norfolk"
        ],
        [
          "Pacific/Noumea",
          "Pacific/Noumea"
        ],
        [
          "Pacific/Pago_Pago",
          "Pacific/Pago_Pago"
        ],
        [
          "Pacific/Palau",
          "Pacific/Palau"
        ],
        [
          "Pacific/Pitcairn",
          "Pacific/Pitcairn"
        ],
        [
          "Pacific/Pohnpei",
          "Pacific/Pohnpei"
        ],
        [
          "Pacific/Ponape",
          "Pacific/Ponape"
        ],
        [
          "Pacific/Port_Moresby",
          "Pacific/Port_Moresby"
        ],
        [
          "Pacific/Rarotonga",
          "Pacific/Rarotonga"
        ],
        [
          "Pacific/Saipan",
          "Pacific/Saipan"
        ],
        [
          "Pacific/Samoa",
          "Pacific/Samoa"
        ],
        [
          "Pacific/Tahiti",
          "Pacific/Tahiti"
        ],
        [
          "Pacific/Tarawa",
          "Pacific/Tarawa"
        ],
        [
          "Pacific/Tongatapu",
          "Pacific/Tongatapu"
        ],
        [
          "Pacific/Truk",
          "Pacific/Truk"
        ],
        [
          "Pacific/Wake",
          "Pacific/Wake"
        ],
        [
          "Pacific/Wallis",
          "Pacific/Wallis"
        ],
        [
          "Pacific/Yap",
          "Pacific/Yap"
        ],
        [
          "Poland",
          "Poland"
        ],
        [
          "Portugal",
          "Portugal"
        ],
        [
          "ROC",
          "ROC"
        ],
        [
          "ROK",
          "ROK"
        ],
        [
          "Singapore",
          "Singapore"
        ],
        [
          "Turkey",
          "Turkey"
        ],
        [
          "UCT",
          "UCT"
        ],
        [
          "US/Alaska",
          "US/Alaska"
        ],
        [
          "US/Aleutian",
          "US/Aleutian"
        ],
        [
          "US/Arizona",
          "US/Arizona"
        ],
        [
          "US/Central",
          "US/Central"
        ],
        [
          "US/East-Indiana",
          "US/East-Indiana"
        ],
        [
          "US/Eastern",
          "US/Eastern"
        ],
        [
          "US/Hawaii",
          "US/Hawaii"
        ],
        [
          "US/Indiana-Starke",
          "US/Indiana-Starke"
        ],
        [
          "US/Michigan",
          "US/Michigan"
        ],
        [
          "US/Mountain",
          "US/Mountain"
        ],
        [
          "US/Pacific",
          "US/Pacific"
        ],
        [
          "US/Samoa",
          "US/Samoa"
        ],
        [
          "UTC",
          "UTC"
        ],
        [
          "Universal",
          "Universal"
        ],
        [
          "W-SU",
          "W-SU"
        ],
        [
          "WET",
          "WET"
        ],
        [
          "Zulu",
          "Zulu"
        ],
        [
          "Etc/GMT",
          "Etc/GMT"
        ],
        [
          "Etc/GMT+0",
          "Etc/GMT+0"
        ],
        [
          "Etc/GMT+1",
          "Etc/GMT+1"
        ],
        [
          "Etc/GMT+10",
          "Etc/GMT+10"
        ],
        [
          "Etc/GMT+11",
          "Etc/GMT+11"
        ],
        [
          "Etc/GMT+12",
          "Etc/GMT+12"
        ],
        [
          "Etc/GMT+2",
          "Etc/GMT+2"
        ],
        [
          "Etc/GMT+3",
          "Etc/GMT+3"
        ],
        [
          "Etc/GMT+4",
          "Etc/GMT+4"
        ],
        [
          "Etc/GMT+5",
          "Etc/GMT+5"
        ],
        [
          "Etc/GMT+6",
          "Etc/GMT+6"
        ],
        [
          "Etc/GMT+7",
          "Etc/GMT+7"
        ],
        [
          "Etc/GMT+8",
          "Etc/GMT+8"
        ],
        [
          "Etc/GMT+9",
          "Etc/GMT+9"
        ],
        [
          "Etc/GMT-0",
          "Etc/GMT-0"
        ],
        [
          "Etc/GMT-1",
          "Etc/GMT-1"
        ],
        [
          "Etc/GMT-10",
          "Etc/GMT-10"
        ],
        [
          "Etc/GMT-11",
          "Etc/GMT-11"
        ],
        [
          "Etc/GMT-12",
          "Etc/GMT-12"
        ],
        [
          "Etc/GMT-13",
          "Etc/GMT-13"
        ],
        [
          "Etc/GMT-14",
          "Etc/GMT-14"
        ],
        [
          "Etc/GMT-2",
          "Etc/GMT-2"
        ],
        [
          "Etc/GMT-3",
          "Etc/GMT-3"
        ],
        [
          "Etc/GMT-4",
          "Etc/GMT-4"
        ],
        [
          "Etc/GMT-5",
          "Etc/GMT-5"
        ],
        [
          "Etc/GMT-6",
          "Etc/GMT-6"
        ],
        [
          "Etc/GMT-7",
          "Etc/GMT-7"
        ],
        [
          "Etc/GMT-8",
          "Etc/GMT-8"
        ],
        [
          "Etc/GMT-9",
          "Etc/GMT-9"
        ],
        [
          "Etc/GMT0",
          "Etc/GMT0"
        ],
        [
          "Etc/Greenwich",
          "Etc/Greenwich"
        ],
        [
          "Etc/UCT",
          "Etc/UCT"
        ],
        [
          "Etc/UTC",
          "Etc/UTC"
        ],
        [
          "Etc/Universal",
          "Etc/Universal"
        ],
        [
          "Etc/Zulu",
          "Etc/Zulu"
        ]
      ],
      "store": false
    },
    "lang": {
      "string": "Language",
      "type": "selection",
      "required": false,
      "readonly": false,
      "selection": [
        [
          "en_US",
          "English (US)"
        ]
      ],
      "store": false
    },
    "id": {
      "string": "ID",
      "type": "integer",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_uid": {
      "string": "Created by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_date": {
      "string": "Created on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_uid": {
      "string": "Last Updated by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_date": {
      "string": "Last Updated on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    }
  },
  "product.template": {
    "name": {
      "string": "Name",
      "type": "char",
      "required": true,
      "readonly": false,
      "store": true
    },
    "display_name": {
      "string": "Display Name",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": false
    },
    "sequence": {
      "string": "Sequence",
      "type": "integer",
      "required": false,
      "readonly": false,
      "store": true
    },
    "description": {
      "string": "Description",
      "type": "html",
      "required": false,
      "readonly": false,
      "store": true
    },
    "description_sale": {
      "string": "Sales Description",
      "type": "text",
      "required": false,
      "readonly": false,
      "store": true
    },
    "type": {
      "string": "Product Type",
      "type": "selection",
      "required": true,
      "readonly": false,
      "selection": [
        [
          "consu",
          "Goods"
        ],
        [
          "service",
          "Service"
        ],
        [
          "combo",
          "Combo"
        ]
      ],
      "store": true
    },
    "categ_id": {
      "string": "Product Category",
      "type": "many2one",
      "relation": "product.category",
      "required": true,
      "readonly": false,
      "store": true
    },
    "list_price": {
      "string": "Sales Price",
      "type": "float",
      "required": false,
      "readonly": false,
      "store": true
    },
    "standard_price": {
      "string": "Cost",
      "type": "float",
      "required": false,
      "readonly": false,
      "store": false
    },
    "volume": {
      "string": "Volume",
      "type": "float",
      "required": false,
      "readonly": false,
      "store": true
    },
    "weight": {
      "string": "Weight",
      "type": "float",
      "required": false,
      "readonly": false,
      "store": true
    },
    "sale_ok": {
      "string": "Sales",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": true
    },
    "purchase_ok": {
      "string": "Purchase",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": true
    },
    "uom_id": {
      "string": "Unit of Measure",
      "type": "many2one",
      "relation": "uom.uom",
      "required": true,
      "readonly": false,
      "store": true
    },
    "uom_po_id": {
      "string": "Purchase Unit",
      "type": "many2one",
      "relation": "uom.uom",
      "required": true,
      "readonly": false,
      "store": true
    },
    "company_id": {
      "string": "Company",
      "type": "many2one",
      "relation": "res.company",
      "required": false,
      "readonly": false,
      "store": true
    },
    "active": {
      "string": "Active",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": true
    },
    "color": {
      "string": "Color Index",
      "type": "integer",
      "required": false,
      "readonly": false,
      "store": true
    },
    "product_variant_ids": {
      "string": "Products",
      "type": "one2many",
      "relation": "product.product",
      "required": true,
      "readonly": false,
      "store": true
    },
    "product_variant_id": {
      "string": "Product",
      "type": "many2one",
      "relation": "product.product",
      "required": false,
      "readonly": true,
      "store": false
    },
    "product_variant_count": {
      "string": "# Product Variants",
      "type": "integer",
      "required": false,
      "readonly": true,
      "store": false
    },
    "default_code": {
      "string": "Internal Reference",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "barcode": {
      "string": "Barcode",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": false
    },
    "is_storable": {
      "string": "Track Inventory",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": true
    },
    "taxes_id": {
      "string": "Sales Taxes",
      "type": "many2many",
      "relation": "account.tax",
      "required": false,
      "readonly": false,
      "store": true
    },
    "is_favorite": {
      "string": "Favorite",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": true
    },
    "qty_available": {
      "string": "Quantity On Hand",
      "type": "float",
      "required": false,
      "readonly": true,
      "store": false
    },
    "id": {
      "string": "ID",
      "type": "integer",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_uid": {
      "string": "Created by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_date": {
      "string": "Created on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_uid": {
      "string": "Last Updated by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_date": {
      "string": "Last Updated on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    }
  },
  "product.product": {
    "name": {
      "string": "Name",
      "type": "char",
      "required": true,
      "readonly": false,
      "store": false
    },
    "display_name": {
      "string": "Display Name",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": false
    },
    "product_tmpl_id": {
      "string": "Product Template",
      "type": "many2one",
      "relation": "product.template",
      "required": true,
      "readonly": false,
      "store": true
    },
    "default_code": {
      "string": "Internal Reference",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "barcode": {
      "string": "Barcode",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "active": {
      "string": "Active",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": true
    },
    "standard_price": {
      "string": "Cost",
      "type": "float",
      "required": false,
      "readonly": false,
      "store": true
    },
    "volume": {
      "string": "Volume",
      "type": "float",
      "required": false,
      "readonly": false,
      "store": true
    },
    "weight": {
      "string": "Weight",
      "type": "float",
      "required": false,
      "readonly": false,
      "store": true
    },
    "list_price": {
      "string": "Sales Price",
      "type": "float",
      "required": false,
      "readonly": false,
      "store": false
    },
    "lst_price": {
      "string": "Sales\u00a0Price",
      "type": "float",
      "required": false,
      "readonly": false,
      "store": false
    },
    "type": {
      "string": "Product Type",
      "type": "selection",
      "required": true,
      "readonly": false,
      "selection": [
        [
          "consu",
          "Goods"
        ],
        [
          "service",
          "Service"
        ],
        [
          "combo",
          "Combo"
        ]
      ],
      "store": false
    },
    "categ_id": {
      "string": "Product Category",
      "type": "many2one",
      "relation": "product.category",
      "required": true,
      "readonly": false,
      "store": false
    },
    "uom_id": {
      "string": "Unit of Measure",
      "type": "many2one",
      "relation": "uom.uom",
      "required": true,
      "readonly": false,
      "store": false
    },
    "sale_ok": {
      "string": "Sales",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": false
    },
    "purchase_ok": {
      "string": "Purchase",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": false
    },
    "is_storable": {
      "string": "Track Inventory",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": false
    },
    "company_id": {
      "string": "Company",
      "type": "many2one",
      "relation": "res.company",
      "required": false,
      "readonly": false,
      "store": false
    },
    "qty_available": {
      "string": "Quantity On Hand",
      "type": "float",
      "required": false,
      "readonly": true,
      "store": false
    },
    "stock_quant_ids": {
      "string": "Stock Quant",
      "type": "one2many",
      "relation": "stock.quant",
      "required": false,
      "readonly": false,
      "store": true
    },
    "id": {
      "string": "ID",
      "type": "integer",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_uid": {
      "string": "Created by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_date": {
      "string": "Created on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_uid": {
      "string": "Last Updated by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_date": {
      "string": "Write Date",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    }
  },
  "sale.order": {
    "name": {
      "string": "Order Reference",
      "type": "char",
      "required": true,
      "readonly": false,
      "store": true
    },
    "display_name": {
      "string": "Display Name",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": false
    },
    "partner_id": {
      "string": "Customer",
      "type": "many2one",
      "relation": "res.partner",
      "required": true,
      "readonly": false,
      "store": true
    },
    "partner_invoice_id": {
      "string": "Invoice Address",
      "type": "many2one",
      "relation": "res.partner",
      "required": true,
      "readonly": false,
      "store": true
    },
    "partner_shipping_id": {
      "string": "Delivery Address",
      "type": "many2one",
      "relation": "res.partner",
      "required": true,
      "readonly": false,
      "store": true
    },
    "state": {
      "string": "Status",
      "type": "selection",
      "required": false,
      "readonly": true,
      "selection": [
        [
          "draft",
          "Quotation"
        ],
        [
          "sent",
          "Quotation Sent"
        ],
        [
          "sale",
          "Sales Order"
        ],
        [
          "cancel",
          "Cancelled"
        ]
      ],
      "store": true
    },
    "locked": {
      "string": "Locked",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": true
    },
    "client_order_ref": {
      "string": "Customer Reference",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "date_order": {
      "string": "Order Date",
      "type": "datetime",
      "required": true,
      "readonly": false,
      "store": true
    },
    "validity_date": {
      "string": "Expiration",
      "type": "date",
      "required": false,
      "readonly": false,
      "store": true
    },
    "commitment_date": {
      "string": "Delivery Date",
      "type": "datetime",
      "required": false,
      "readonly": false,
      "store": true
    },
    "origin": {
      "string": "Source Document",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "note": {
      "string": "Terms and conditions",
      "type": "html",
      "required": false,
      "readonly": false,
      "store": true
    },
    "company_id": {
      "string": "Company",
      "type": "many2one",
      "relation": "res.company",
      "required": true,
      "readonly": false,
      "store": true
    },
    "currency_id": {
      "string": "Currency",
      "type": "many2one",
      "relation": "res.currency",
      "required": false,
      "readonly": true,
      "store": true
    },
    "pricelist_id": {
      "string": "Pricelist",
      "type": "many2one",
      "relation": "product.pricelist",
      "required": false,
      "readonly": false,
      "store": true
    },
    "user_id": {
      "string": "Salesperson",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": false,
      "store": true
    },
    "team_id": {
      "string": "Sales Team",
      "type": "many2one",
      "relation": "crm.team",
      "required": false,
      "readonly": false,
      "store": true
    },
    "order_line": {
      "string": "Order Lines",
      "type": "one2many",
      "relation": "sale.order.line",
      "required": false,
      "readonly": false,
      "store": true
    },
    "amount_untaxed": {
      "string": "Untaxed Amount",
      "type": "monetary",
      "required": false,
      "readonly": true,
      "store": true
    },
    "amount_tax": {
      "string": "Taxes",
      "type": "monetary",
      "required": false,
      "readonly": true,
      "store": true
    },
    "amount_total": {
      "string": "Total",
      "type": "monetary",
      "required": false,
      "readonly": true,
      "store": true
    },
    "invoice_status": {
      "string": "Invoice Status",
      "type": "selection",
      "required": false,
      "readonly": true,
      "selection": [
        [
          "upselling",
          "Upselling Opportunity"
        ],
        [
          "invoiced",
          "Fully Invoiced"
        ],
        [
          "to invoice",
          "To Invoice"
        ],
        [
          "no",
          "Nothing to Invoice"
        ]
      ],
      "store": true
    },
    "picking_ids": {
      "string": "Transfers",
      "type": "one2many",
      "relation": "stock.picking",
      "required": false,
      "readonly": false,
      "store": true
    },
    "warehouse_id": {
      "string": "Warehouse",
      "type": "many2one",
      "relation": "stock.warehouse",
      "required": false,
      "readonly": false,
      "store": true
    },
    "delivery_status": {
      "string": "Delivery Status",
      "type": "selection",
      "required": false,
      "readonly": true,
      "selection": [
        [
          "pending",
          "Not Delivered"
        ],
        [
          "started",
          "Started"
        ],
        [
          "partial",
          "Partially Delivered"
        ],
        [
          "full",
          "Fully Delivered"
        ]
      ],
      "store": true
    },
    "tag_ids": {
      "string": "Tags",
      "type": "many2many",
      "relation": "crm.tag",
      "required": false,
      "readonly": false,
      "store": true
    },
    "id": {
      "string": "ID",
      "type": "integer",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_uid": {
      "string": "Created by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_date": {
      "string": "Creation Date",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_uid": {
      "string": "Last Updated by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_date": {
      "string": "Last Updated on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    }
  },
  "sale.order.line": {
    "display_name": {
      "string": "Display Name",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": false
    },
    "order_id": {
      "string": "Order Reference",
      "type": "many2one",
      "relation": "sale.order",
      "required": true,
      "readonly": false,
      "store": true
    },
    "sequence": {
      "string": "Sequence",
      "type": "integer",
      "required": false,
      "readonly": false,
      "store": true
    },
    "company_id": {
      "string": "Company",
      "type": "many2one",
      "relation": "res.company",
      "required": false,
      "readonly": true,
      "store": true
    },
    "currency_id": {
      "string": "Currency",
      "type": "many2one",
      "relation": "res.currency",
      "required": false,
      "readonly": true,
      "store": true
    },
    "order_partner_id": {
      "string": "Customer",
      "type": "many2one",
      "relation": "res.partner",
      "required": false,
      "readonly": true,
      "store": true
    },
    "salesman_id": {
      "string": "Salesperson",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "state": {
      "string": "Order Status",
      "type": "selection",
      "required": false,
      "readonly": true,
      "selection": [
        [
          "draft",
          "Quotation"
        ],
        [
          "sent",
          "Quotation Sent"
        ],
        [
          "sale",
          "Sales Order"
        ],
        [
          "cancel",
          "Cancelled"
        ]
      ],
      "store": true
    },
    "display_type": {
      "string": "Display Type",
      "type": "selection",
      "required": false,
      "readonly": false,
      "selection": [
        [
          "line_section",
          "Section"
        ],
        [
          "line_note",
          "Note"
        ]
      ],
      "store": true
    },
    "product_id": {
      "string": "Product",
      "type": "many2one",
      "relation": "product.product",
      "required": false,
      "readonly": false,
      "store": true
    },
    "name": {
      "string": "Description",
      "type": "text",
      "required": true,
      "readonly": false,
      "store": true
    },
    "product_uom_qty": {
      "string": "Quantity",
      "type": "float",
      "required": true,
      "readonly": false,
      "store": true
    },
    "product_uom": {
      "string": "Unit of Measure",
      "type": "many2one",
      "relation": "uom.uom",
      "required": false,
      "readonly": false,
      "store": true
    },
    "tax_id": {
      "string": "Taxes",
      "type": "many2many",
      "relation": "account.tax",
      "required": false,
      "readonly": false,
      "store": true
    },
    "price_unit": {
      "string": "Unit Price",
      "type": "float",
      "required": true,
      "readonly": false,
      "store": true
    },
    "discount": {
      "string": "Discount (%)",
      "type": "float",
      "required": false,
      "readonly": false,
      "store": true
    },
    "price_subtotal": {
      "string": "Subtotal",
      "type": "monetary",
      "required": false,
      "readonly": true,
      "store": true
    },
    "price_tax": {
      "string": "Total Tax",
      "type": "float",
      "required": false,
      "readonly": true,
      "store": true
    },
    "price_total": {
      "string": "Total",
      "type": "monetary",
      "required": false,
      "readonly": true,
      "store": true
    },
    "qty_delivered": {
      "string": "Delivery Quantity",
      "type": "float",
      "required": false,
      "readonly": false,
      "store": true
    },
    "qty_invoiced": {
      "string": "Invoiced Quantity",
      "type": "float",
      "required": false,
      "readonly": true,
      "store": true
    },
    "customer_lead": {
      "string": "Lead Time",
      "type": "float",
      "required": true,
      "readonly": false,
      "store": true
    },
    "id": {
      "string": "ID",
      "type": "integer",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_uid": {
      "string": "Created by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_date": {
      "string": "Created on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_uid": {
      "string": "Last Updated by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_date": {
      "string": "Last Updated on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    }
  },
  "stock.location": {
    "name": {
      "string": "Location Name",
      "type": "char",
      "required": true,
      "readonly": false,
      "store": true
    },
    "display_name": {
      "string": "Display Name",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": false
    },
    "complete_name": {
      "string": "Full Location Name",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": true
    },
    "active": {
      "string": "Active",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": true
    },
    "usage": {
      "string": "Location Type",
      "type": "selection",
      "required": true,
      "readonly": false,
      "selection": [
        [
          "supplier",
          "Vendor Location"
        ],
        [
          "view",
          "View"
        ],
        [
          "internal",
          "Internal Location"
        ],
        [
          "customer",
          "Customer Location"
        ],
        [
          "inventory",
          "Inventory Loss"
        ],
        [
          "production",
          "Production"
        ],
        [
          "transit",
          "Transit Location"
        ]
      ],
      "store": true
    },
    "location_id": {
      "string": "Parent Location",
      "type": "many2one",
      "relation": "stock.location",
      "required": false,
      "readonly": false,
      "store": true
    },
    "child_ids": {
      "string": "Contains",
      "type": "one2many",
      "relation": "stock.location",
      "required": false,
      "readonly": false,
      "store": true
    },
    "company_id": {
      "string": "Company",
      "type": "many2one",
      "relation": "res.company",
      "required": false,
      "readonly": false,
      "store": true
    },
    "barcode": {
      "string": "Barcode",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "warehouse_id": {
      "string": "Warehouse",
      "type": "many2one",
      "relation": "stock.warehouse",
      "required": false,
      "readonly": true,
      "store": true
    },
    "scrap_location": {
      "string": "Is a Scrap Location?",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": true
    },
    "id": {
      "string": "ID",
      "type": "integer",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_uid": {
      "string": "Created by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_date": {
      "string": "Created on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_uid": {
      "string": "Last Updated by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_date": {
      "string": "Last Updated on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    }
  },
  "stock.picking": {
    "name": {
      "string": "Reference",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": true
    },
    "display_name": {
      "string": "Display Name",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": false
    },
    "origin": {
      "string": "Source Document",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "note": {
      "string": "Notes",
      "type": "html",
      "required": false,
      "readonly": false,
      "store": true
    },
    "move_type": {
      "string": "Shipping Policy",
      "type": "selection",
      "required": true,
      "readonly": false,
      "selection": [
        [
          "direct",
          "As soon as possible"
        ],
        [
          "one",
          "When all products are ready"
        ]
      ],
      "store": true
    },
    "state": {
      "string": "Status",
      "type": "selection",
      "required": false,
      "readonly": true,
      "selection": [
        [
          "draft",
          "Draft"
        ],
        [
          "waiting",
          "Waiting Another Operation"
        ],
        [
          "confirmed",
          "Waiting"
        ],
        [
          "assigned",
          "Ready"
        ],
        [
          "done",
          "Done"
        ],
        [
          "cancel",
          "Cancelled"
        ]
      ],
      "store": true
    },
    "priority": {
      "string": "Priority",
      "type": "selection",
      "required": false,
      "readonly": false,
      "selection": [
        [
          "0",
          "Normal"
        ],
        [
          "1",
          "Urgent"
        ]
      ],
      "store": true
    },
    "scheduled_date": {
      "string": "Scheduled Date",
      "type": "datetime",
      "required": false,
      "readonly": false,
      "store": true
    },
    "date_deadline": {
      "string": "Deadline",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    },
    "date": {
      "string": "Creation Date",
      "type": "datetime",
      "required": false,
      "readonly": false,
      "store": true
    },
    "date_done": {
      "string": "Date of Transfer",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    },
    "location_id": {
      "string": "Source Location",
      "type": "many2one",
      "relation": "stock.location",
      "required": true,
      "readonly": false,
      "store": true
    },
    "location_dest_id": {
      "string": "Destination Location",
      "type": "many2one",
      "relation": "stock.location",
      "required": true,
      "readonly": false,
      "store": true
    },
    "move_ids": {
      "string": "Stock Moves",
      "type": "one2many",
      "relation": "stock.move",
      "required": false,
      "readonly": false,
      "store": true
    },
    "picking_type_id": {
      "string": "Operation Type",
      "type": "many2one",
      "relation": "stock.picking.type",
      "required": true,
      "readonly": false,
      "store": true
    },
    "partner_id": {
      "string": "Contact",
      "type": "many2one",
      "relation": "res.partner",
      "required": false,
      "readonly": false,
      "store": true
    },
    "company_id": {
      "string": "Company",
      "type": "many2one",
      "relation": "res.company",
      "required": false,
      "readonly": true,
      "store": true
    },
    "user_id": {
      "string": "Responsible",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": false,
      "store": true
    },
    "move_line_ids": {
      "string": "Operations",
      "type": "one2many",
      "relation": "stock.move.line",
      "required": false,
      "readonly": false,
      "store": true
    },
    "sale_id": {
      "string": "Sales Order",
      "type": "many2one",
      "relation": "sale.order",
      "required": false,
      "readonly": false,
      "store": true
    },
    "id": {
      "string": "ID",
      "type": "integer",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_uid": {
      "string": "Created by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_date": {
      "string": "Created on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_uid": {
      "string": "Last Updated by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_date": {
      "string": "Last Updated on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    }
  },
  "stock.move": {
    "name": {
      "string": "Description",
      "type": "char",
      "required": true,
      "readonly": false,
      "store": true
    },
    "display_name": {
      "string": "Display Name",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": false
    },
    "sequence": {
      "string": "Sequence",
      "type": "integer",
      "required": false,
      "readonly": false,
      "store": true
    },
    "priority": {
      "string": "Priority",
      "type": "selection",
      "required": false,
      "readonly": true,
      "selection": [
        [
          "0",
          "Normal"
        ],
        [
          "1",
          "Urgent"
        ]
      ],
      "store": true
    },
    "date": {
      "string": "Date Scheduled",
      "type": "datetime",
      "required": true,
      "readonly": false,
      "store": true
    },
    "company_id": {
      "string": "Company",
      "type": "many2one",
      "relation": "res.company",
      "required": true,
      "readonly": false,
      "store": true
    },
    "product_id": {
      "string": "Product",
      "type": "many2one",
      "relation": "product.product",
      "required": true,
      "readonly": false,
      "store": true
    },
    "product_uom_qty": {
      "string": "Demand",
      "type": "float",
      "required": true,
      "readonly": false,
      "store": true
    },
    "product_uom": {
      "string": "UoM",
      "type": "many2one",
      "relation": "uom.uom",
      "required": true,
      "readonly": false,
      "store": true
    },
    "location_id": {
      "string": "Source Location",
      "type": "many2one",
      "relation": "stock.location",
      "required": true,
      "readonly": false,
      "store": true
    },
    "location_dest_id": {
      "string": "Intermediate Location",
      "type": "many2one",
      "relation": "stock.location",
      "required": true,
      "readonly": false,
      "store": true
    },
    "partner_id": {
      "string": "Destination Address ",
      "type": "many2one",
      "relation": "res.partner",
      "required": false,
      "readonly": false,
      "store": true
    },
    "picking_id": {
      "string": "Transfer",
      "type": "many2one",
      "relation": "stock.picking",
      "required": false,
      "readonly": false,
      "store": true
    },
    "state": {
      "string": "Status",
      "type": "selection",
      "required": false,
      "readonly": true,
      "selection": [
        [
          "draft",
          "New"
        ],
        [
          "waiting",
          "Waiting Another Move"
        ],
        [
          "confirmed",
          "Waiting Availability"
        ],
        [
          "partially_available",
          "Partially Available"
        ],
        [
          "assigned",
          "Available"
        ],
        [
          "done",
          "Done"
        ],
        [
          "cancel",
          "Cancelled"
        ]
      ],
      "store": true
    },
    "quantity": {
      "string": "Quantity",
      "type": "float",
      "required": false,
      "readonly": false,
      "store": true
    },
    "origin": {
      "string": "Source Document",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "picked": {
      "string": "Picked",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": true
    },
    "picking_type_id": {
      "string": "Operation Type",
      "type": "many2one",
      "relation": "stock.picking.type",
      "required": false,
      "readonly": false,
      "store": true
    },
    "reference": {
      "string": "Reference",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": true
    },
    "sale_line_id": {
      "string": "Sale Line",
      "type": "many2one",
      "relation": "sale.order.line",
      "required": false,
      "readonly": false,
      "store": true
    },
    "move_line_ids": {
      "string": "Move Line",
      "type": "one2many",
      "relation": "stock.move.line",
      "required": false,
      "readonly": false,
      "store": true
    },
    "id": {
      "string": "ID",
      "type": "integer",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_uid": {
      "string": "Created by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_date": {
      "string": "Created on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_uid": {
      "string": "Last Updated by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_date": {
      "string": "Last Updated on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    }
  },
  "stock.quant": {
    "display_name": {
      "string": "Display Name",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": false
    },
    "product_id": {
      "string": "Product",
      "type": "many2one",
      "relation": "product.product",
      "required": true,
      "readonly": false,
      "store": true
    },
    "company_id": {
      "string": "Company",
      "type": "many2one",
      "relation": "res.company",
      "required": false,
      "readonly": true,
      "store": true
    },
    "location_id": {
      "string": "Location",
      "type": "many2one",
      "relation": "stock.location",
      "required": true,
      "readonly": false,
      "store": true
    },
    "lot_id": {
      "string": "Lot/Serial Number",
      "type": "many2one",
      "relation": "stock.lot",
      "required": false,
      "readonly": false,
      "store": true
    },
    "quantity": {
      "string": "Quantity",
      "type": "float",
      "required": false,
      "readonly": true,
      "store": true
    },
    "reserved_quantity": {
      "string": "Reserved Quantity",
      "type": "float",
      "required": true,
      "readonly": true,
      "store": true
    },
    "in_date": {
      "string": "Incoming Date",
      "type": "datetime",
      "required": true,
      "readonly": true,
      "store": true
    },
    "inventory_quantity": {
      "string": "Counted Quantity",
      "type": "float",
      "required": false,
      "readonly": false,
      "store": true
    },
    "user_id": {
      "string": "Assigned To",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": false,
      "store": true
    },
    "id": {
      "string": "ID",
      "type": "integer",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_uid": {
      "string": "Created by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_date": {
      "string": "Created on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_uid": {
      "string": "Last Updated by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_date": {
      "string": "Last Updated on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    }
  },
  "update.webhook": {
    "id": {
      "string": "ID",
      "type": "integer",
      "required": false,
      "readonly": true,
      "store": true
    },
    "model": {
      "string": "Model",
      "type": "char",
      "required": true,
      "readonly": false,
      "store": true
    },
    "record_id": {
      "string": "Record ID",
      "type": "integer",
      "required": true,
      "readonly": false,
      "store": true
    },
    "event": {
      "string": "Event Type",
      "type": "selection",
      "required": true,
      "readonly": false,
      "selection": [
        [
          "create",
          "Create"
        ],
        [
          "write",
          "Write"
        ],
        [
          "unlink",
          "Delete"
        ]
      ],
      "store": true
    },
    "payload": {
      "string": "Payload",
      "type": "json",
      "required": false,
      "readonly": false,
      "store": true
    },
    "timestamp": {
      "string": "Timestamp",
      "type": "datetime",
      "required": true,
      "readonly": false,
      "store": true
    },
    "user_id": {
      "string": "User",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": false,
      "store": true
    },
    "is_processed": {
      "string": "Processed",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": true
    },
    "processed_at": {
      "string": "Processed At",
      "type": "datetime",
      "required": false,
      "readonly": false,
      "store": true
    },
    "is_archived": {
      "string": "Archived",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": true
    },
    "archived_at": {
      "string": "Archived At",
      "type": "datetime",
      "required": false,
      "readonly": false,
      "store": true
    },
    "config_id": {
      "string": "Webhook Config",
      "type": "many2one",
      "relation": "webhook.config",
      "required": false,
      "readonly": false,
      "store": true
    },
    "priority": {
      "string": "Priority",
      "type": "selection",
      "required": false,
      "readonly": false,
      "selection": [
        [
          "high",
          "High"
        ],
        [
          "medium",
          "Medium"
        ],
        [
          "low",
          "Low"
        ]
      ],
      "store": true
    },
    "category": {
      "string": "Category",
      "type": "selection",
      "required": false,
      "readonly": false,
      "selection": [
        [
          "business",
          "Business"
        ],
        [
          "system",
          "System"
        ],
        [
          "notification",
          "Notification"
        ],
        [
          "custom",
          "Custom"
        ]
      ],
      "store": true
    },
    "display_name": {
      "string": "Display Name",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": true
    },
    "payload_size": {
      "string": "Payload Size (bytes)",
      "type": "integer",
      "required": false,
      "readonly": true,
      "store": false
    },
    "age_days": {
      "string": "Age (days)",
      "type": "integer",
      "required": false,
      "readonly": true,
      "store": false
    },
    "create_uid": {
      "string": "Created by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_date": {
      "string": "Created on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_uid": {
      "string": "Last Updated by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_date": {
      "string": "Last Updated on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    }
  },
  "user.sync.state": {
    "user_id": {
      "string": "User",
      "type": "many2one",
      "relation": "res.users",
      "required": true,
      "readonly": false,
      "store": true
    },
    "device_id": {
      "string": "Device ID",
      "type": "char",
      "required": true,
      "readonly": false,
      "store": true
    },
    "app_type": {
      "string": "App Type",
      "type": "selection",
      "required": true,
      "readonly": false,
      "selection": [
        [
          "sales_app",
          "Sales App"
        ],
        [
          "delivery_app",
          "Delivery App"
        ],
        [
          "warehouse_app",
          "Warehouse App"
        ],
        [
          "manager_app",
          "Manager App"
        ],
        [
          "mobile_app",
          "Mobile App"
        ]
      ],
      "store": true
    },
    "last_event_id": {
      "string": "Last Event ID",
      "type": "integer",
      "required": false,
      "readonly": false,
      "store": true
    },
    "last_sync_time": {
      "string": "Last Sync Time",
      "type": "datetime",
      "required": false,
      "readonly": false,
      "store": true
    },
    "sync_count": {
      "string": "Sync Count",
      "type": "integer",
      "required": false,
      "readonly": false,
      "store": true
    },
    "is_active": {
      "string": "Active",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": true
    },
    "device_info": {
      "string": "Device Info",
      "type": "text",
      "required": false,
      "readonly": false,
      "store": true
    },
    "app_version": {
      "string": "App Version",
      "type": "char",
      "required": false,
      "readonly": false,
      "store": true
    },
    "display_name": {
      "string": "Display Name",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": true
    },
    "last_event_count": {
      "string": "Last Event Count",
      "type": "integer",
      "required": false,
      "readonly": false,
      "store": true
    },
    "total_events_synced": {
      "string": "Total Events Synced",
      "type": "integer",
      "required": false,
      "readonly": false,
      "store": true
    },
    "id": {
      "string": "ID",
      "type": "integer",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_uid": {
      "string": "Created by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_date": {
      "string": "Created on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_uid": {
      "string": "Last Updated by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_date": {
      "string": "Last Updated on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    }
  },
  "stock.move.line": {
    "display_name": {
      "string": "Display Name",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": false
    },
    "move_id": {
      "string": "Stock Operation",
      "type": "many2one",
      "relation": "stock.move",
      "required": false,
      "readonly": false,
      "store": true
    },
    "picking_id": {
      "string": "Transfer",
      "type": "many2one",
      "relation": "stock.picking",
      "required": false,
      "readonly": false,
      "store": true
    },
    "product_id": {
      "string": "Product",
      "type": "many2one",
      "relation": "product.product",
      "required": false,
      "readonly": false,
      "store": true
    },
    "product_uom_id": {
      "string": "Unit of Measure",
      "type": "many2one",
      "relation": "uom.uom",
      "required": true,
      "readonly": false,
      "store": true
    },
    "location_id": {
      "string": "From",
      "type": "many2one",
      "relation": "stock.location",
      "required": true,
      "readonly": false,
      "store": true
    },
    "location_dest_id": {
      "string": "To",
      "type": "many2one",
      "relation": "stock.location",
      "required": true,
      "readonly": false,
      "store": true
    },
    "quantity": {
      "string": "Quantity",
      "type": "float",
      "required": false,
      "readonly": false,
      "store": true
    },
    "picked": {
      "string": "Picked",
      "type": "boolean",
      "required": false,
      "readonly": false,
      "store": true
    },
    "state": {
      "string": "Status",
      "type": "selection",
      "required": false,
      "readonly": true,
      "selection": [
        [
          "draft",
          "New"
        ],
        [
          "waiting",
          "Waiting Another Move"
        ],
        [
          "confirmed",
          "Waiting"
        ],
        [
          "partially_available",
          "Partially Available"
        ],
        [
          "assigned",
          "Available"
        ],
        [
          "done",
          "Done"
        ],
        [
          "cancel",
          "Cancelled"
        ]
      ],
      "store": true
    },
    "reference": {
      "string": "Reference",
      "type": "char",
      "required": false,
      "readonly": true,
      "store": true
    },
    "date": {
      "string": "Date",
      "type": "datetime",
      "required": true,
      "readonly": false,
      "store": true
    },
    "company_id": {
      "string": "Company",
      "type": "many2one",
      "relation": "res.company",
      "required": true,
      "readonly": true,
      "store": true
    },
    "id": {
      "string": "ID",
      "type": "integer",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_uid": {
      "string": "Created by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "create_date": {
      "string": "Created on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_uid": {
      "string": "Last Updated by",
      "type": "many2one",
      "relation": "res.users",
      "required": false,
      "readonly": true,
      "store": true
    },
    "write_date": {
      "string": "Last Updated on",
      "type": "datetime",
      "required": false,
      "readonly": true,
      "store": true
    }
  }
};
