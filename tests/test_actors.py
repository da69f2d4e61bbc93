"""Actor mentions (kg.actors) on real news-style sentences: names, places, descriptions."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from kg.actors import ActorMentions, find_mentions
from kg.api import Extractor
from kg.datatypes import Event
from kg.gazetteer_data import read_user_actors

from .conftest import triples_of


def mentions_of(extractor: Extractor, text: str) -> tuple[ActorMentions, list[tuple[str, str]]]:
    doc = extractor.nlp(text)
    table = find_mentions(doc, extractor.index)
    return table, [(doc[m.start : m.end].text, m.actor.actor_id) for m in table.mentions]


def test_a_shared_place_name_follows_the_document(extractor: Extractor) -> None:
    _, found = mentions_of(
        extractor,
        "Lebanon's army deployed troops in Tripoli after clashes between Sunni gunmen and "
        "Alawites, Lebanese officials said.",
    )
    assert ("Tripoli", "lebanon") in found
    _, found = mentions_of(extractor, "Haftar's forces attacked Tripoli on Monday.")
    assert ("Tripoli", "libya") in found  # the default when nothing says otherwise


def test_a_bare_agent_takes_the_last_one_with_a_country(extractor: Extractor) -> None:
    _, found = mentions_of(
        extractor,
        "Lebanon's army deployed troops in the north. The army said gunmen attacked soldiers.",
    )
    armies = [actor for text, actor in found if text == "army"]
    assert armies == ["lebanese_armed_forces", "lebanese_armed_forces"]


def test_hyphens_inside_names_do_not_matter(extractor: Extractor) -> None:
    _, found = mentions_of(extractor, "Sheikh Hamad bin Khalifa al-Thani arrived in Paris.")
    assert ("Hamad bin Khalifa al-Thani", "hamad_bin_khalifa_al_thani") in found


def test_a_sponsor_is_not_the_owner_and_a_leader_is(extractor: Extractor) -> None:
    _, found = mentions_of(extractor, "Russian-backed separatists fought the Saudi-led coalition.")
    assert ("separatists", "unspecified_reb") in found
    assert ("coalition", "saudi_arabia") in found


def test_supporters_are_a_group_of_their_own(extractor: Extractor) -> None:
    table, found = mentions_of(extractor, "Supporters of Mohamed Morsi clashed with police.")
    supporters = next(m.actor for m in table.mentions if m.actor.actor_id.endswith("_supporters"))
    assert supporters.affiliation == "mohamed_morsi"
    assert supporters.country == "EGY"
    assert ("Supporters", supporters.actor_id) in found
    table, _ = mentions_of(extractor, "Pro-Russian supporters attacked police in Donetsk.")
    pro = next(m.actor for m in table.mentions if m.actor.actor_id.endswith("_supporters"))
    assert pro.affiliation == "russia"
    assert pro.country is None  # supporters of a state are not its citizens


def test_seas_named_after_states_are_no_actors(extractor: Extractor) -> None:
    _, found = mentions_of(extractor, "Iran seized a tanker in the Gulf of Oman.")
    assert not any(actor == "oman" for _, actor in found)
    _, found = mentions_of(extractor, "Oman mediated between Iran and the United States.")
    assert ("Oman", "oman") in found


def test_persons_of_one_name_are_told_apart_by_the_document_date(extractor: Extractor) -> None:
    import datetime as dt

    doc = extractor.nlp("President Bush met the emir of Kuwait in Washington.")

    def bush(day: dt.date) -> str:
        table = find_mentions(doc, extractor.index, day)
        return next(m.actor.actor_id for m in table.mentions if "Bush" in doc[m.start : m.end].text)

    assert bush(dt.date(1991, 3, 1)) == "george_bush"
    assert bush(dt.date(2003, 3, 1)) == "george_w_bush"


def test_persons_of_the_past_are_named_by_a_surname_no_one_else_bears(
    extractor: Extractor,
) -> None:
    # "Ronald Reagan" is in the gazetteer with his dated codes; a bare "Reagan" the NER
    # finds is him (no one else bears the name), a surname two persons bear is neither
    # ("Bush"), and a surname still means today's bearer ("Assad" is Bashar, not Hafez)
    _, full = mentions_of(extractor, "Ronald Reagan met Gorbachev in Reykjavik.")
    assert ("Ronald Reagan", "ronald_reagan") in full
    reagan = extractor.index.surnames.get("reagan")
    assert reagan is not None
    assert reagan.actor_id == "ronald_reagan"
    assert extractor.index.surnames.get("bush") is None
    _, bare = mentions_of(extractor, "Assad met Putin in Moscow.")
    assert ("Assad", "bashar_al_assad") in bare
    _, past = mentions_of(extractor, "Elias Hrawi met Yasser Arafat in Damascus.")
    assert ("Elias Hrawi", "elias_hrawi") in past
    assert extractor.index.surnames.get("hrawi") is None


def test_a_compound_dictionary_code_stands_for_each_of_its_actors(
    extractor: Extractor, tmp_path: Path
) -> None:
    # TABARI/PETRARCH: "[FRO/BIL/SAM]" codes one name as several actors
    path = tmp_path / "benelux.actors"
    path.write_text("BENELUX  [BEL/NLD/LUX]\n+BENELUX_COUNTRIES\n", encoding="utf-8")
    user = copy.copy(extractor)
    user.index = extractor.index.with_entries(read_user_actors(path))
    events = triples_of(user, "The Benelux countries condemned Russia on Monday.")
    assert sorted((e.source.actor.actor_id, e.target.actor.actor_id) for e in events) == [
        ("belgium", "russia"),
        ("luxembourg", "russia"),
        ("netherlands", "russia"),
    ]


def test_every_owner_of_a_coordinated_of_phrase_is_a_source(extractor: Extractor) -> None:
    events = triples_of(
        extractor, "The ambassadors of France, Germany and Italy met the president of Libya."
    )
    assert sorted(e.source.actor.actor_id for e in events) == [
        "france_government",
        "germany_government",
        "italy_government",
    ]
    assert {e.target.actor.actor_id for e in events} == {"libya_government"}


def test_the_owner_of_a_compound_agent_phrase_is_its_country(extractor: Extractor) -> None:
    events = triples_of(extractor, "Turkey held talks with Syria's main opposition group.")
    assert [(e.source.actor.actor_id, e.target.actor.code) for e in events] == [
        ("turkey", "SYROPP")
    ]


def test_an_agents_dictionary_given_as_actors_is_named_as_such(tmp_path: Path) -> None:
    from kg.errors import LexiconError

    path = tmp_path / "my.agents"
    path.write_text("# agents\nPARLIAMENTARY_OPPOSITION {} [~OPP]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"my\.agents:2: this is a PETRARCH agents dictionary"):
        read_user_actors(path)


def test_breakaway_authorities_are_actors_of_their_own(extractor: Extractor) -> None:
    _, found = mentions_of(
        extractor, "Ethiopia signed a memorandum of understanding with Somaliland."
    )
    assert ("Somaliland", "somaliland") in found
    # an official of a de facto government is that government, not the state's
    _, found = mentions_of(extractor, "Georgian police arrested a South Ossetian official.")
    assert ("official", "south_ossetia") in found
    assert ("police", "georgia_cop") in found


def test_an_organisation_in_a_persons_title_is_not_a_second_actor(extractor: Extractor) -> None:
    # the parser makes "chief" and "Burhan" two subjects of "met"
    events = triples_of(
        extractor,
        "Sudan's army chief Abdel Fattah al-Burhan met Egyptian President Abdel Fattah al-Sisi.",
    )
    assert {(e.source.actor.actor_id, e.relation.name) for e in events} == {
        ("abdel_fattah_al_burhan", "meets")
    }


def test_a_bare_body_with_no_country_in_sight_is_still_an_actor(extractor: Extractor) -> None:
    events = triples_of(
        extractor,
        "After weeks of fighting, the army and the rebels agreed to a ceasefire mediated by "
        "the African Union.",
    )
    got = {(e.source.actor.actor_id, e.relation.name, e.target.actor.actor_id) for e in events}
    assert ("unspecified_mil", "agrees_with", "unspecified_reb") in got
    assert ("african_union", "mediates", "unspecified_mil") in got


def test_world_regions_are_no_actors_and_the_ec_is_the_eu(extractor: Extractor) -> None:
    _, found = mentions_of(
        extractor, "A British minister embarked on a trip to North Africa on Monday."
    )
    assert not any(text == "North Africa" for text, _ in found)
    _, found = mentions_of(extractor, "The European Community imposed sanctions on Iraq.")
    assert ("European Community", "european_union") in found


def test_a_petrarch_agents_dictionary_adds_agent_nouns(
    tmp_path: Path, extractor: Extractor
) -> None:
    from kg.gazetteer_data import read_user_dictionaries

    from .conftest import SHARED

    path = tmp_path / "my.agents"
    path.write_text(
        "<!-- agents -->\nVILLAGE_GUARD [~MIL] # Turkish paramilitary\nNGO_WORKER [NGO~]\n",
        encoding="utf-8",
    )
    user = read_user_dictionaries(
        [path, SHARED / "dictionaries/petrarch2/PETR.Validate.actors.txt"]
    )
    assert [a.noun for a in user.agents] == ["village guard", "ngo worker"]
    assert user.entries  # the actors dictionary beside it
    ex = Extractor(actors=[path])
    events = triples_of(ex, "Turkish village guards attacked a PKK camp.")
    assert [(e.source.actor.code, e.relation.name) for e in events] == [("TURMIL", "attacks")]
    # the default extractor does not know the phrase: the adjective alone is the source
    events = triples_of(extractor, "Turkish village guards attacked a PKK camp.")
    assert [e.source.actor.code for e in events] == ["TUR"]


def test_the_country_is_the_state_last_named_a_subject_first(extractor: Extractor) -> None:
    events = triples_of(
        extractor,
        "Qatar mediated between Israel and Hamas. The Gulf state also hosted Taliban officials.",
    )
    hosted = [e for e in events if e.relation.name == "meets"]
    assert [(e.source.actor.actor_id, e.target.actor.actor_id) for e in hosted] == [
        ("qatar", "taliban")
    ]
    # epithets of a state are its names
    events = triples_of(
        extractor, "The Islamic Republic said it would retaliate against the Jewish state."
    )
    assert {(e.source.actor.actor_id, e.target.actor.actor_id) for e in events} == {
        ("iran", "israel")
    }


def test_a_surname_is_the_person_named_before_whatever_its_ner_label(
    extractor: Extractor,
) -> None:
    # en_core_web_sm labels the second "Kabore" a GPE (a person no dictionary knows)
    _, found = mentions_of(
        extractor,
        "Soldiers detained President Mohamed Kabore in Niamey. ECOWAS demanded that the junta "
        "release Kabore.",
    )
    assert [actor for text, actor in found if "Kabore" in text] == [
        "ner:mohamed_kabore",
        "ner:mohamed_kabore",
    ]
    # a gazetteer person (curated: Mohamed Bazoum) the same way
    _, found = mentions_of(
        extractor,
        "Soldiers detained President Mohamed Bazoum in Niamey. ECOWAS demanded that the junta "
        "release Bazoum.",
    )
    assert [actor for text, actor in found if "Bazoum" in text] == [
        "mohamed_bazoum",
        "mohamed_bazoum",
    ]


def test_cities_of_geonames_stand_for_their_state(extractor: Extractor) -> None:
    _, found = mentions_of(
        extractor, "Russian forces left Kherson and Government forces took Kidal."
    )
    assert ("Kherson", "ukraine") in found
    assert ("Kidal", "mali") in found
    # a city named like a person or an English word is no place: Hassan (India), The Villages
    _, found = mentions_of(extractor, "King Hassan hosted talks with the villages' elders.")
    assert not any(actor in ("india", "united_states") for _, actor in found)


def test_the_spellings_news_use_for_a_city(extractor: Extractor) -> None:
    # GeoNames writes "Janin" and "Khan Yunis"; news write "Jenin" and "Khan Younis"
    _, found = mentions_of(extractor, "Israeli troops raided Jenin and Khan Younis.")
    assert ("Jenin", "palestine") in found
    assert ("Khan Younis", "palestine") in found


def test_a_name_and_its_abbreviation_are_one_actor(extractor: Extractor) -> None:
    _, found = mentions_of(
        extractor, "Egypt urged Europe to support the Palestine Liberation Organisation (PLO)."
    )
    assert ("Palestine Liberation Organisation", "plo") in found
    assert ("PLO", "plo") in found
    # an organisation no dictionary knows: one actor, of its adjective's country, also
    # where the abbreviation is used again
    table, found = mentions_of(
        extractor,
        "The Liberian Peace Council (LPC) attacked Greenville. The LPC later withdrew.",
    )
    ids = {actor for text, actor in found if text in ("Liberian Peace Council", "LPC")}
    assert ids == {"ner:liberian_peace_council"}
    assert {m.actor.country for m in table.mentions if m.actor.actor_id in ids} == {"LBR"}


def test_common_nouns_are_no_actors_or_take_their_usual_sense(extractor: Extractor) -> None:
    _, found = mentions_of(extractor, "Palestinians protested at the settlement of immigrants.")
    assert not any(text == "settlement" for text, _ in found)
    table, _ = mentions_of(extractor, "A group of French deputies met Romania's new government.")
    deputies = [m for m in table.mentions if table.doc[m.head].lower_ == "deputies"]
    assert [m.actor.code for m in deputies] == ["FRALEG"]


def test_an_abbreviation_may_skip_or_use_small_words(extractor: Extractor) -> None:
    _, found = mentions_of(
        extractor,
        "Police jailed members of the Movement for the Actualization of the Sovereign State "
        "of Biafra (MASSOB). The rebel Forces for Defence of Democracy (FDD) said so.",
    )
    ids = dict(found)
    assert ids["MASSOB"] == ids["Movement for the Actualization of the Sovereign State of Biafra"]
    assert ids["FDD"] == ids["Forces for Defence of Democracy"]


def test_a_family_name_written_first_names_the_person(extractor: Extractor) -> None:
    _, found = mentions_of(extractor, "Putin met Xi in Beijing on Thursday.")
    assert ("Xi", "xi_jinping") in found


def test_it_is_not_a_city_where_something_happened(extractor: Extractor) -> None:
    table, _ = mentions_of(
        extractor, "A bomb exploded on a bus in central London; it was very different."
    )
    it = next(t for t in table.doc if t.lower_ == "it")
    assert table.resolve(it) is None
    table, _ = mentions_of(extractor, "Moscow said it would retaliate.")
    it = next(t for t in table.doc if t.lower_ == "it")
    found = table.resolve(it)
    assert found is not None
    assert found.actor.actor_id == "russia"


def test_a_counterpart_is_never_the_speakers_own_side(extractor: Extractor) -> None:
    table, _ = mentions_of(
        extractor, "Bangladesh rejected the proposal, urging the counterpart to sign instead."
    )
    assert not any(table.doc[m.head].lower_ == "counterpart" for m in table.mentions)
    _, found = mentions_of(extractor, "Egypt's foreign minister met his Turkish counterpart.")
    assert ("counterpart", "turkey_government") in found


def test_where_a_group_is_based_gives_its_country(extractor: Extractor) -> None:
    got = {
        (e.source.actor.actor_id, e.target.actor.actor_id)
        for e in triples_of(extractor, "Iran sent rockets to militants based in southern Lebanon.")
    }
    assert got == {("iran", "lebanon_uaf")}
    # troops stationed somewhere are not that country's
    _, found = mentions_of(extractor, "Drones attacked troops stationed in Syria.")
    assert ("troops", "syria_mil") not in found


def test_people_that_police_or_courts_act_on_are_their_states(extractor: Extractor) -> None:
    got = {
        (e.source.actor.actor_id, e.target.actor.actor_id)
        for e in triples_of(extractor, "Zimbabwean police arrested dozens of protesters.")
    }
    assert got == {("zimbabwe_cop", "zimbabwe_cvl")}
    # an army may act abroad: its victims keep no country the sentence does not give
    got = {
        (e.source.actor.actor_id, e.target.actor.actor_id)
        for e in triples_of(extractor, "Russian soldiers detained several civilians.")
    }
    assert ("russian_armed_forces", "russia_cvl") not in got


def test_police_take_the_country_of_where_the_people_they_act_on_are(
    extractor: Extractor,
) -> None:
    _, found = mentions_of(extractor, "Police cracked down on protesters in Tbilisi.")
    assert ("Police", "georgia_cop") in found


#: (sentence, words of the mention, actor it resolves to): one construction each
MENTION_CASES = [
    # people take the country of where they act; armed men no word gives a country too
    # (ACLED's "Unidentified Armed Group (Somalia)"), but their demonym wins
    ("prisoners", "Prisoners rioted at a jail in East Timor's capital Dili.", "Prisoners",
     "timor_leste_cvl"),
    ("people", "Hundreds of thousands of people blocked streets in Hong Kong.", "people",
     "hong_kong_ppl"),
    ("gunmen", "Gunmen attacked a hotel in Mogadishu.", "Gunmen", "somalia_uaf"),
    ("gunmen demonym", "Kenyan gunmen attacked a hotel in Mogadishu.", "gunmen", "kenya_uaf"),
    # first-level ISO 3166-2 regions and conflict regions stand for their state; English
    # spellings ISO does not use ("Tigrai") come from tools/curated_places.tsv
    ("iso region", "Insurgents attacked Cabo Delgado.", "Cabo Delgado", "mozambique"),
    ("iso region 2", "The army shelled villages in Zamfara.", "Zamfara", "nigeria"),
    # a state's own name of a place beats another state's alternate spelling of a town
    # (GeoNames spells Germany's "Borna" "Borno" too)
    ("own name over alternate", "Insurgents attacked Borno.", "Borno", "nigeria"),
    # Phoenix's uncoded primary phrases take the codes that follow (PETRARCH's reading):
    # Gorbachev and Yeltsin are persons again; leaders Phoenix lacks are curated
    ("gorbachev", "Mikhail Gorbachev met Ronald Reagan in Geneva.", "Mikhail Gorbachev",
     "mikhail_gorbachev"),
    ("hafez", "Hafez al-Assad met Warren Christopher.", "Hafez al-Assad", "hafez_al_assad"),
    ("milosevic", "Milosevic rejected the plan.", "Milosevic", "slobodan_milosevic"),
    # a surname no one else of the gazetteer bears is that person, even one of the past
    ("past surname", "Yeltsin sent troops into Chechnya.", "Yeltsin", "boris_yeltsin"),
    ("past name", "Saddam met the Prime Minister of Nepal.", "Saddam", "saddam_hussein"),
    # an army base is of the army of its place, however the place is written
    ("base in city of", "The RSF captured an army base in the city of El Fasher.",
     "army base", "sudanese_armed_forces"),
    # leaders and officials of today Phoenix lacks are curated
    ("samia", "Samia Suluhu Hassan lifted a ban on rallies.", "Samia Suluhu Hassan",
     "samia_suluhu_hassan"),
    ("sonko", "Ousmane Sonko criticised France.", "Ousmane Sonko", "ousmane_sonko"),
    ("grossi", "Rafael Grossi met Iranian officials.", "Rafael Grossi", "rafael_grossi"),
    # a demonym the parser made an object of its own beside its noun still places it
    ("split demonym", "Armenia accused Azerbaijani troops of opening fire.", "troops",
     "azerbaijan_mil"),
    # a people with no state of its own
    ("kurds", "Kurdish fighters crossed into Iraq.", "Kurdish", "kurds"),
    ("curated region", "Aid convoys reached Tigray.", "Tigray", "ethiopia"),
    ("curated region 2", "Aid convoys reached North Kivu.", "North Kivu", "dr_congo"),
    # a region that is an actor of its own stays that actor
    ("region actor", "Azerbaijan launched an offensive against Nagorno-Karabakh.",
     "Nagorno-Karabakh", "nagorno_karabakh_authorities"),
    # a town two states share follows the story ("Rafah")
    ("shared town", "Israeli strikes hit Rafah overnight.", "Rafah", "palestine"),
    ("shared town egypt",
     "Egypt said Egyptian police reopened the border crossing at Rafah in Egypt.", "Rafah",
     "egypt"),
    # who leads a group acts with it
    ("led group", "The US-led coalition bombed Mosul.", "coalition", "united_states"),
    # dissolved states (ISO 3166-3) are states of their own
    ("soviet", "Soviet troops left Czechoslovakia.", "troops", "soviet_union_mil"),
    ("czechoslovakia", "Soviet troops left Czechoslovakia.", "Czechoslovakia", "czechoslovakia"),
    ("yugoslav", "The Yugoslav army shelled Vukovar.", "army", "yugoslavia_mil"),
    ("east german", "East German soldiers opened the border.", "soldiers", "east_germany_mil"),
    (
        "fyrom",
        "Athens objected to the Former Yugoslav Republic of Macedonia.",
        "Former Yugoslav Republic of Macedonia",
        "north_macedonia",
    ),
    # a bare home authority takes the place it acts in
    ("home authority", "The government lifted the curfew in Bamako.", "government",
     "mali_government"),
    # an agent noun NER also tagged is still an agent
    ("ner navy", "Sri Lanka's navy detained 12 fishermen.", "navy", "sri_lanka_mil"),
    ("ner gunmen", "Gunmen kidnapped a priest in Kaduna.", "Gunmen", "nigeria_uaf"),
    # agent nouns Phoenix lacks, and the office of Pope
    ("mediators", "Qatari mediators met a Turkish attache.", "mediators", "qatar_government"),
    ("attache", "Qatari mediators met a Turkish attache.", "attache", "turkey_government"),
    ("pope", "The Pope met Pope Francis's biographer.", "Pope", "pope"),
    # PETRARCH's "EMBASSY_IN" is the embassy: the country is read from the phrase
    ("embassy", "Students rallied at the Chinese embassy.", "embassy", "china_government"),
    # a post, unit or craft named after an agent stands for it
    ("outpost", "Rebels overran a government outpost in Chad.", "government outpost",
     "chad_government"),
    ("convoy", "Insurgents ambushed a military convoy in Burkina Faso.", "military convoy",
     "burkina_faso_mil"),
    ("craft", "Rebels shot down an army helicopter in Mali.", "army helicopter",
     "malian_armed_forces"),
    # rebels and gunmen no word places are of where they fight; a named country wins
    ("rebels placed", "Rebels attacked an army base in Mali.", "Rebels", "mali_reb"),
    ("gunmen placed", "Gunmen killed 12 villagers in Zamfara state.", "Gunmen", "nigeria_uaf"),
    ("rebels named", "Syrian rebels attacked a Turkish army post in Hatay.", "rebels", "syria_reb"),
    # people take the place of their own participle
    ("participle pobj", "Police fired on civilians gathered in Mandalay.", "civilians",
     "myanmar_cvl"),
    ("participle dobj", "Police dispersed students protesting in Kampala.", "students",
     "uganda_edu"),
    ("marched through", "Thousands of protesters marched through Caracas.", "protesters",
     "venezuela_cvl"),
    # police are of where the people their purpose clause acts on are
    ("police purpose", "Police used tear gas to disperse students protesting in Kampala.",
     "Police", "uganda_cop"),
    ("police purpose prep", "Police used water cannon to disperse protesters in Tbilisi.",
     "Police", "georgia_cop"),
    # Phoenix's "unidentified gunmen" are an unidentified armed group, not rebels
    ("unidentified", "Unidentified gunmen killed a chief in Djibo.", "Unidentified gunmen",
     "burkina_faso_uaf"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "words", "actor"), [c[1:] for c in MENTION_CASES], ids=[c[0] for c in MENTION_CASES]
)
def test_a_mention_resolves_to_its_actor(
    extractor: Extractor, text: str, words: str, actor: str
) -> None:
    _, found = mentions_of(extractor, text)
    assert (words, actor) in found


def test_what_names_no_actor_stays_none(extractor: Extractor) -> None:
    # where a thing was made is not who uses it
    _, found = mentions_of(extractor, "A Chinese-made drone crashed near the border.")
    assert not any(actor == "china" for _, actor in found)
    got = {
        (e.source.actor.actor_id, e.target.actor.actor_id)
        for e in triples_of(extractor, "A Turkish-built drone struck a convoy in Tigray.")
    }
    assert got
    assert not any(s.startswith("turkey") for s, _ in got)
    # where a home authority sends someone is not its country
    _, found = mentions_of(extractor, "The government sent troops to Bamako.")
    assert ("government", "mali_government") not in found
    # "military" before a thing that is no post or unit is no actor
    _, found = mentions_of(extractor, "Egypt bought military equipment from France.")
    assert not any(text.startswith("military") for text, _ in found)
    # a craft alone that is not a subject is a thing
    _, found = mentions_of(extractor, "Ukraine received helicopters from Poland.")
    assert not any(text == "helicopters" for text, _ in found)


def test_a_named_agreement_or_meeting_is_no_actor(extractor: Extractor) -> None:
    _, found = mentions_of(extractor, "Israel and the UAE signed the Abraham Accords.")
    assert not any("accords" in actor for _, actor in found)
    got = {
        (e.source.actor.actor_id, e.relation.name, e.target.actor.actor_id)
        for e in triples_of(extractor, "Israel and Bahrain signed the Abraham Accords.")
    }
    assert got == {("israel", "agrees_with", "bahrain")}


def test_a_world_region_adjective_is_no_state(extractor: Extractor) -> None:
    _, found = mentions_of(extractor, "Latin American countries condemned Ecuador.")
    assert not any(actor == "united_states" for _, actor in found)


def test_a_facility_named_after_an_agent_keeps_the_agents_state(extractor: Extractor) -> None:
    _, found = mentions_of(extractor, "Two rockets hit the US embassy compound in Baghdad.")
    assert any(actor == "united_states_government" for _, actor in found)


def test_a_name_matches_with_or_without_its_accents(extractor: Extractor) -> None:
    _, found = mentions_of(extractor, "Andrés Manuel López Obrador criticised Washington.")
    assert ("Andrés Manuel López Obrador", "andres_manuel_lopez_obrador") in found
    _, found = mentions_of(extractor, "Pedro Sánchez met Kyriakos Mitsotakis.")
    assert ("Pedro Sánchez", "pedro_sanchez") in found
    assert ("Kyriakos Mitsotakis", "kyriakos_mitsotakis") in found


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The international force in Kosovo arrested two Serbs.", "force"),
        ("Chad pulled its troops out of the multinational force fighting Boko Haram.", "force"),
        ("Foreign fighters attacked an army checkpoint near Idlib.", "fighters"),
    ],
)
def test_a_multinational_or_foreign_agent_is_of_no_state(
    extractor: Extractor, text: str, words: str
) -> None:
    _, found = mentions_of(extractor, text)
    ids = {actor for said, actor in found if said.endswith(words)}
    assert ids
    assert all(actor.startswith("unspecified_") for actor in ids)


def test_a_country_word_beside_foreign_still_names_the_state(extractor: Extractor) -> None:
    _, found = mentions_of(extractor, "Foreign Russian troops attacked Georgia.")
    assert ("Russian troops", "russian_armed_forces") in found


def test_police_act_in_the_state_their_sentence_named(extractor: Extractor) -> None:
    text = (
        "On 21 August, protesters blocked the main road in Nakuru to denounce fuel prices; "
        "police dispersed them with tear gas."
    )
    _, found = mentions_of(extractor, text)
    assert ("police", "kenya_cop") in found
    # with no state in the sentence, no state is guessed
    _, found = mentions_of(extractor, "Police arrested three men.")
    assert ("Police", "unspecified_cop") in found


def test_its_is_not_a_plural_agent(extractor: Extractor) -> None:
    text = "Kenya's opposition called for protests, and police arrested dozens of its supporters."
    got = set(_ids(triples_of(extractor, text)))
    assert ("kenya_cop", "arrests", "kenya_opp_supporters") in got


def _ids(events: list[Event]) -> list[tuple[str, str, str]]:
    return [(e.source.actor.actor_id, e.relation.name, e.target.actor.actor_id) for e in events]


@pytest.mark.parametrize(
    ("text", "said", "actor"),
    [
        (
            "The army clashed with the paramilitary Rapid Support Forces in Khartoum. "
            "The army struck RSF bases while the paramilitaries shelled Omdurman.",
            "paramilitaries",
            "rapid_support_forces",
        ),
        (
            "Hezbollah, the Iran-backed militia, fired rockets at Israel. Israeli jets then "
            "struck the militia's positions.",
            "militia",
            "hezbollah",
        ),
        (
            "The M23 rebel group seized Goma. The army said the group had killed civilians.",
            "group",
            "m23",
        ),
    ],
)
def test_a_bare_description_is_the_actor_introduced_with_it(
    extractor: Extractor, text: str, said: str, actor: str
) -> None:
    _, found = mentions_of(extractor, text)
    assert (said, actor) in found


def test_a_bare_government_is_the_nearest_government_or_its_members(
    extractor: Extractor,
) -> None:
    text = (
        "Qatar's prime minister announced the deal in Doha. Netanyahu's office said the "
        "cabinet would vote on the deal on Thursday."
    )
    _, found = mentions_of(extractor, text)
    assert ("cabinet", "israel_government") in found


def test_a_count_of_things_is_no_people(extractor: Extractor) -> None:
    _, found = mentions_of(extractor, "The Houthis have attacked dozens of ships since November.")
    assert not any(said == "dozens" for said, _ in found)
    _, found = mentions_of(extractor, "Thousands marched in Cairo against the government.")
    assert ("Thousands", "egypt_ppl") in found


def test_it_after_an_alliance_of_groups_is_the_groups(extractor: Extractor) -> None:
    text = (
        "An alliance of ethnic armed groups in northern Myanmar said on Sunday it had "
        "captured a key border town from the military."
    )
    sources = {s for s, r, _ in _ids(triples_of(extractor, text)) if r == "attacks"}
    assert sources == {"myanmar_uaf"}


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "Al Shabaab detonated an IED targeting an SNA convoy near Afgoye in Somalia.",
            "somali_national_army",
        ),
        (
            "Turkish-backed SNA fighters attacked Kurdish positions near Manbij in northern Syria.",
            "syrian_national_army",
        ),
    ],
)
def test_one_name_of_two_actors_is_the_one_of_the_storys_state(
    extractor: Extractor, text: str, actor: str
) -> None:
    _, found = mentions_of(extractor, text)
    assert ("SNA", actor) in found or ("SNA fighters", actor) in found


def test_the_german_chancellor_is_the_german_government(extractor: Extractor) -> None:
    _, found = mentions_of(extractor, "The German chancellor will travel to Paris next week.")
    assert ("German chancellor", "germany_government") in found


@pytest.mark.parametrize(
    ("text", "said", "actor"),
    [
        (
            "Russian forces struck Kherson city with artillery, killing 2 civilians.",
            "civilians",
            "ukraine_cvl",
        ),
        ("Gunmen stormed a mosque in Kano, killing 20 worshippers.", "worshippers", "nigeria_rel"),
    ],
)
def test_the_people_an_attack_kills_are_of_the_place_it_struck(
    extractor: Extractor, text: str, said: str, actor: str
) -> None:
    _, found = mentions_of(extractor, text)
    assert (said, actor) in found


def test_an_office_with_foreign_in_its_title_keeps_its_owners(extractor: Extractor) -> None:
    text = "The foreign ministers of Egypt, Jordan and Saudi Arabia met in Cairo."
    got = set(_ids(triples_of(extractor, text)))
    assert ("egypt_government", "meets", "jordan_government") in got
    assert ("jordan_government", "meets", "saudi_arabia_government") in got
