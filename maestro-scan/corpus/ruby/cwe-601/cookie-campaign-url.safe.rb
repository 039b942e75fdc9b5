class CampaignsController < ApplicationController
  def landing
    target = cookies[:landing_url]
    target = nil unless target.to_s.start_with?("https://www.example.com/")
    if target
      redirect_to "#{target}?utm_source=newsletter", allow_other_host: true
    else
      redirect_to root_path
    end
  end
end
