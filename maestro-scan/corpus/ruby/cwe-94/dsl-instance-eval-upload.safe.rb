require "json"

class PipelineConfig
  attr_reader :steps

  def initialize
    @steps = []
  end

  def step(name, **opts)
    @steps << { name: name, **opts }
  end
end

class PipelinesController < ApplicationController
  def create
    source = params.require(:config_file).read
    config = PipelineConfig.new
    JSON.parse(source).fetch("steps").each { |s| config.step(s.fetch("name"), **s.except("name").transform_keys(&:to_sym)) }
    render json: { steps: config.steps }
  end
end
