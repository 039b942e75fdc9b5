class TranslationsController < ApplicationController
  def bundle
    locale = request.headers["X-Locale"] || "en"
    file = Rails.root.join("config", "locales", "#{locale}.yml")
    send_data File.binread(file), type: "text/yaml", disposition: "inline"
  end
end
