//! The office's merge of verified department files into totals, grades,
//! ranks and a coverage list, and the reports made from it.
