package fr.marseille.ess.searchengine.elasticsearch;

import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchMinimalStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The analysis components that Wagtail's Elasticsearch backend and the site's French index settings
 * (search/backends.py) use, registered under the names and parameters of Elasticsearch's own
 * {@code analysis-common} module, which is not published on Maven Central. Each one is Lucene's
 * own class from {@code lucene-analysis-common} (the same classes analysis-common wraps):
 *
 * <ul>
 *   <li>token filters: {@code lowercase}, {@code asciifolding} ({@code preserve_original}),
 *       {@code elision} ({@code articles}, {@code articles_case}), {@code stemmer} ({@code language}:
 *       {@code light_french}, {@code french}, {@code minimal_french}, {@code english},
 *       {@code light_english}, {@code minimal_english}, {@code possessive_english}), {@code snowball}
 *       ({@code language}), {@code edge_ngram} and {@code ngram} ({@code min_gram}, {@code max_gram},
 *       {@code preserve_original});</li>
 *   <li>tokenizers: {@code edge_ngram} and {@code ngram} ({@code min_gram}, {@code max_gram});</li>
 *   <li>analyzer: {@code french} ({@code stopwords}, {@code stem_exclusion}).</li>
 * </ul>
 *
 * <p>{@code standard} (tokenizer and analyzer), {@code stop} (with {@code _french_}) and {@code shingle}
 * are in the Elasticsearch server itself.
 */
public final class FrenchAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "lowercase", (indexSettings, env, name, settings) -> filter(name, LowerCaseFilter::new, true),
            "asciifolding", (indexSettings, env, name, settings) -> {
                boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
                return filter(name, input -> new ASCIIFoldingFilter(input, preserveOriginal), true);
            },
            "elision", AnalysisPlugin.requiresAnalysisSettings((indexSettings, env, name, settings) -> {
                CharArraySet articles = Analysis.parseArticles(env, settings);
                if (articles == null) {
                    throw new IllegalArgumentException("elision filter requires [articles] or [articles_path] setting");
                }
                return filter(name, input -> new ElisionFilter(input, articles), true);
            }),
            "stemmer", AnalysisPlugin.requiresAnalysisSettings(
                (indexSettings, env, name, settings) -> filter(name, stemmer(settings), false)),
            "snowball", AnalysisPlugin.requiresAnalysisSettings((indexSettings, env, name, settings) -> {
                String language = settings.get("language", settings.get("name", "English"));
                return filter(name, input -> new SnowballFilter(input, language), false);
            }),
            "edge_ngram", (indexSettings, env, name, settings) -> {
                int[] grams = grams(settings, 1, 2, null);
                boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
                return filter(name, input -> new EdgeNGramTokenFilter(input, grams[0], grams[1], preserveOriginal), false);
            },
            "ngram", (indexSettings, env, name, settings) -> {
                int[] grams = grams(settings, 1, 2, indexSettings);
                boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
                return filter(name, input -> new NGramTokenFilter(input, grams[0], grams[1], preserveOriginal), false);
            });
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
            "edge_ngram", (indexSettings, env, name, settings) -> {
                int[] grams = grams(settings, 1, 2, null);
                return tokenizer(name, () -> new EdgeNGramTokenizer(grams[0], grams[1]));
            },
            "ngram", (indexSettings, env, name, settings) -> {
                int[] grams = grams(settings, 1, 2, indexSettings);
                return tokenizer(name, () -> new NGramTokenizer(grams[0], grams[1]));
            });
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends org.apache.lucene.analysis.Analyzer>>> getAnalyzers() {
        return Map.of("french", (indexSettings, env, name, settings) -> {
            FrenchAnalyzer analyzer = new FrenchAnalyzer(
                Analysis.parseStopWords(env, settings, FrenchAnalyzer.getDefaultStopSet()),
                Analysis.parseStemExclusion(settings, CharArraySet.EMPTY_SET));
            return new AbstractIndexAnalyzerProvider<FrenchAnalyzer>(name) {
                @Override
                public FrenchAnalyzer get() {
                    return analyzer;
                }
            };
        });
    }

    /** The stemmer filter's {@code language} (or {@code name}), as Elasticsearch spells it. */
    private static UnaryOperator<TokenStream> stemmer(Settings settings) {
        String language = settings.get("language", settings.get("name", "porter")).toLowerCase(Locale.ROOT);
        return switch (language) {
            case "light_french" -> FrenchLightStemFilter::new;
            case "minimal_french" -> FrenchMinimalStemFilter::new;
            case "french" -> input -> new SnowballFilter(input, new org.tartarus.snowball.ext.FrenchStemmer());
            case "english", "porter" -> PorterStemFilter::new;
            case "light_english", "kstem" -> KStemFilter::new;
            case "minimal_english" -> EnglishMinimalStemFilter::new;
            case "possessive_english" -> EnglishPossessiveFilter::new;
            default -> throw new IllegalArgumentException(
                "stemmer language [" + language + "] is not available in this test engine (tools/search-engine)");
        };
    }

    /** [min_gram, max_gram]; for n-grams, the spread is capped by index.max_ngram_diff as in Elasticsearch. */
    private static int[] grams(Settings settings, int defaultMin, int defaultMax, IndexSettings indexSettings) {
        int min = settings.getAsInt("min_gram", defaultMin);
        int max = settings.getAsInt("max_gram", defaultMax);
        if (indexSettings != null && max - min > indexSettings.getMaxNgramDiff()) {
            throw new IllegalArgumentException("The difference between max_gram and min_gram in NGram Tokenizer must be less than"
                + " or equal to: [" + indexSettings.getMaxNgramDiff() + "] but was [" + (max - min) + "]. This limit can be set by"
                + " changing the [" + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting.");
        }
        return new int[] {min, max};
    }

    private static TokenFilterFactory filter(String name, UnaryOperator<TokenStream> create, boolean normalizes) {
        return new AbstractTokenFilterFactory(name) {
            @Override
            public TokenStream create(TokenStream input) {
                return create.apply(input);
            }

            @Override
            public TokenStream normalize(TokenStream input) {
                // Per-character filters also apply to prefix, wildcard and fuzzy query terms.
                return normalizes ? create.apply(input) : input;
            }
        };
    }

    private static TokenizerFactory tokenizer(String name, java.util.function.Supplier<org.apache.lucene.analysis.Tokenizer> create) {
        return new AbstractTokenizerFactory(name) {
            @Override
            public org.apache.lucene.analysis.Tokenizer create() {
                return create.get();
            }
        };
    }
}
