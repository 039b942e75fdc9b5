class FeatureFlagsController < ApplicationController
  def define
    flag = request.headers["X-Feature-Flag"]
    flag = "beta_dashboard"
    FeatureFlags.class_eval <<~RUBY
      def self.#{flag}?
        Setting.enabled?("#{flag}")
      end
    RUBY
    head :no_content
  end
end
