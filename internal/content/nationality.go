package content

import "strings"

// countryOfAdjective maps nationality adjectives and demonyms, as news
// reports write them ("Vietnamese", "Chinese nationals"), to the country
// name the nationalities field takes. Only words that are not themselves a
// country's name are listed, so "Myanmar" and "Lao" pass unflagged.
var countryOfAdjective = map[string]string{
	"afghan": "Afghanistan", "american": "United States", "australian": "Australia",
	"bangladeshi": "Bangladesh", "brazilian": "Brazil", "british": "United Kingdom",
	"bruneian": "Brunei", "burmese": "Myanmar", "cambodian": "Cambodia",
	"cameroonian": "Cameroon", "canadian": "Canada", "chinese": "China",
	"egyptian": "Egypt", "ethiopian": "Ethiopia", "filipino": "Philippines",
	"filipina": "Philippines", "french": "France", "german": "Germany",
	"ghanaian": "Ghana", "indian": "India", "indonesian": "Indonesia",
	"iranian": "Iran", "japanese": "Japan", "kazakh": "Kazakhstan",
	"kenyan": "Kenya", "khmer": "Cambodia", "korean": "South Korea",
	"south korean": "South Korea", "north korean": "North Korea",
	"kyrgyz": "Kyrgyzstan", "laotian": "Laos", "malaysian": "Malaysia",
	"mongolian": "Mongolia", "moroccan": "Morocco", "myanmarese": "Myanmar",
	"nepali": "Nepal", "nepalese": "Nepal", "nigerian": "Nigeria",
	"pakistani": "Pakistan", "russian": "Russia", "senegalese": "Senegal",
	"singaporean": "Singapore", "sri lankan": "Sri Lanka", "taiwanese": "Taiwan",
	"tajik": "Tajikistan", "thai": "Thailand", "turkish": "Turkey",
	"ugandan": "Uganda", "ukrainian": "Ukraine", "uzbek": "Uzbekistan",
	"vietnamese": "Vietnam",
}

// adjectiveCountry returns the country a nationality adjective names
// ("Vietnamese" and "Vietnamese nationals" give "Vietnam"), or "" when s is
// not one.
func adjectiveCountry(s string) string {
	w := strings.ToLower(strings.TrimSpace(s))
	for _, suffix := range []string{" nationals", " national", " citizens", " people"} {
		w = strings.TrimSuffix(w, suffix)
	}
	if c, ok := countryOfAdjective[w]; ok {
		return c
	}
	if strings.HasSuffix(w, "s") { // "Thais", "Filipinos"
		return countryOfAdjective[strings.TrimSuffix(w, "s")]
	}
	return ""
}
