# Laboratory analyses of a sample, by the in-house lab or an external laboratory.
entity: lab_analysis
label: { en: Lab analysis, de: Laboranalyse }
plural: { en: Lab analyses, de: Laboranalysen }
title: number
fields:
  number:
    type: autonumber
    pattern: "LA-{YYYY}-{00000}"
    label: { en: Analysis no., de: Analyse-Nr. }
  sample:
    type: reference
    to: sample
    required: true
    label: { en: Sample, de: Probe }
  lab:
    type: reference
    to: partner
    label: { en: External laboratory, de: Externes Labor }
    help: { en: Empty for the in-house laboratory, de: Leer für das eigene Labor }
  report_number:
    type: string
    maxLength: 40
    label: { en: Test report no., de: Prüfbericht-Nr. }
  analysed_on:
    type: date
    required: true
    default: today
    label: { en: Analysed on, de: Analysiert am }
  quality_spec:
    type: reference
    to: quality_spec
    label: { en: Checked against, de: Geprüft gegen }
  moisture:
    type: decimal
    precision: 5
    scale: 2
    unit: "%"
    min: 0
    max: 100
    label: { en: Moisture, de: Feuchtigkeit }
  protein:
    type: decimal
    precision: 5
    scale: 2
    unit: "%"
    min: 0
    max: 100
    label: { en: Protein (dry matter), de: Protein (i. Tr.) }
  hectolitre_weight:
    type: decimal
    precision: 5
    scale: 1
    unit: kg/hl
    min: 0
    max: 120
    label: { en: Hectolitre weight, de: Hektolitergewicht }
  falling_number:
    type: integer
    unit: s
    min: 0
    max: 1000
    label: { en: Falling number, de: Fallzahl }
  admixture:
    type: decimal
    precision: 5
    scale: 2
    unit: "%"
    min: 0
    max: 100
    label: { en: Admixture, de: Besatz }
  broken_grains:
    type: decimal
    precision: 5
    scale: 2
    unit: "%"
    min: 0
    max: 100
    label: { en: Broken grains, de: Bruchkorn }
  oil_content:
    type: decimal
    precision: 5
    scale: 2
    unit: "%"
    min: 0
    max: 100
    label: { en: Oil content, de: Ölgehalt }
  don:
    type: decimal
    precision: 9
    scale: 1
    unit: µg/kg
    min: 0
    label: { en: DON, de: DON }
    help: { en: Deoxynivalenol, de: Deoxynivalenol }
  zea:
    type: decimal
    precision: 9
    scale: 1
    unit: µg/kg
    min: 0
    label: { en: ZEA, de: ZEA }
    help: { en: Zearalenone, de: Zearalenon }
  aflatoxin_b1:
    type: decimal
    precision: 9
    scale: 2
    unit: µg/kg
    min: 0
    label: { en: Aflatoxin B1, de: Aflatoxin B1 }
  result:
    type: enum
    required: true
    default: pending
    label: { en: Result, de: Ergebnis }
    values:
      - { value: pending, label: { en: Pending, de: Ausstehend } }
      - { value: passed, label: { en: Passed, de: Bestanden } }
      - { value: failed, label: { en: Failed, de: Nicht bestanden } }
  notes:
    type: text
    label: { en: Notes, de: Notizen }
list: [number, sample, analysed_on, moisture, protein, hectolitre_weight, falling_number, don, result]
search: [number, report_number, sample.number]
sort: -analysed_on
