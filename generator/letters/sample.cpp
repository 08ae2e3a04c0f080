#include "letters/sample.hpp"

namespace brevgen::letters {

std::string_view full_sample_case() {
    return R"({
  "brevdato": "2026-11-23", "journalnummer": "2026-000001", "forsendelse": "papir", "modtager": "medarbejder",
  "afsender": {"navn": "Jobcenter Prøve", "enhed": "Fastholdelse", "adresse": "Prøvevej 1", "postnummer": "8000",
               "by": "Aarhus C", "telefon": "11223344", "email": "a@b.dk", "web": "b.dk"},
  "konsulent": {"navn": "Konsulent", "titel": "Fastholdelseskonsulent", "telefon": "11223344", "email": "k@b.dk"},
  "medarbejder": {"navn": "Medarbejder", "cpr": "0101901234", "telefon": "22334455", "email": "m@b.dk",
                  "adresse": {"gade": "Gade 1", "postnummer": "8000", "by": "Aarhus C"}},
  "arbejdsgiver": {"navn": "Firma ApS", "cvr": "12345674", "adresse": {"gade": "Vej 2", "postnummer": "8000", "by": "Aarhus C"},
                   "kontaktperson": {"navn": "Leder", "telefon": "33445566", "email": "l@b.dk"}},
  "sygefravaer": {"foerste_fravaersdag": "2026-11-02", "helbred": "x"},
  "moede": {"start": "2026-11-30T10:00", "slut": "2026-11-30T11:00", "form": "fysisk", "link": "https://b.dk/m",
            "sted": {"navn": "Mødelokale", "gade": "Vej 2", "postnummer": "8000", "by": "Aarhus C"},
            "formaal": "Opfølgning", "medbring": ["Kalender"], "afbud": {"senest": "2026-11-27"},
            "deltagere": [{"navn": "Medarbejder", "rolle": "medarbejder", "deltagelse": "fremmoedt"}]},
  "optrapningsplan": {"startdato": "2026-11-30", "normal_timer": 37, "fuld_tilbagevenden": "2027-01-11",
                      "uger": [{"timer": 12, "dage": "man.–ons.", "opgaver": "Opgaver", "hensyn": "Hensyn"}],
                      "opfoelgning": ["2026-12-14"]},
  "referent": "Konsulent", "situation": "Situation", "medarbejderens_bemaerkninger": "Bemærkning",
  "aftaler": [{"hvem": "Medarbejder", "hvad": "Opgave", "frist": "2026-12-14"}],
  "naeste_opfoelgning": "2026-12-14T10:00", "modtagere": ["Medarbejder"], "rettelser_senest": "2026-12-08"
})";
}

std::string_view minimal_sample_case() {
    return R"({
  "brevdato": "2026-11-23", "journalnummer": "2026-000001",
  "konsulent": {"navn": "Konsulent", "telefon": "11223344", "email": "k@b.dk"},
  "medarbejder": {"navn": "Medarbejder"},
  "arbejdsgiver": {"navn": "Firma ApS"},
  "moede": {"start": "2026-11-30T10:00", "slut": "2026-11-30T11:00", "form": "telefon", "formaal": "Opfølgning"},
  "optrapningsplan": {"startdato": "2026-11-30", "normal_timer": 37, "uger": [{"timer": 12, "opgaver": "Opgaver"}]},
  "referent": "Konsulent", "situation": "Situation"
})";
}

}  // namespace brevgen::letters
