require "yaml"

class SettingsImportController < ApplicationController
  def create
    settings = YAML.safe_load(params[:settings_yaml].to_s)
    current_user.update!(preferences: settings.slice("theme", "timezone", "digest"))
    redirect_to settings_path, notice: "Imported"
  end
end
