class VisitsController < ApplicationController
  def create
    campaign = cookies[:campaign]
    query = "INSERT INTO visits (campaign, visited_at) VALUES (%s, NOW())" % ActiveRecord::Base.connection.quote(campaign)
    ActiveRecord::Base.connection.execute(query)
    head :created
  end
end
