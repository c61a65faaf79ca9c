"""PyTorch engine of @nexfitra/pipeline: trains the same GPT-2 plan model as the TensorFlow.js
engine, from the same token files, config.json and hyper-parameters, and writes the same
checkpoint (config.json + model.safetensors with HF GPT-2 names, optimizer.safetensors,
trainer_state.json). Standard library and torch only."""

FORMAT_VERSION = 1
